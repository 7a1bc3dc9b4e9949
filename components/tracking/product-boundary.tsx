'use client';
import { useContext, useEffect, useLayoutEffect, useMemo, useRef, type ReactNode } from 'react';
import { browserTracker } from '@/lib/clickstream/browser';
import type { Track, TrackedProduct } from '@/lib/clickstream/types';
import { TrackContext } from './track-context';

/** Wraps a product page: product_view once per product shown, and its context on every event inside. */
export function ProductBoundary({ product, children }: { product: TrackedProduct; children: ReactNode }) {
  const outer = useContext(TrackContext);
  const track = useMemo<Track>(() => (name, extras, other) => outer(name, extras, other ?? product), [outer, product]);
  const shown = useRef('');

  // A layout effect runs before the page_view's passive effect, so that it carries this product too.
  useLayoutEffect(() => {
    const tracker = browserTracker();
    tracker?.showProduct(product);
    return () => tracker?.showProduct(null);
  }, [product]);

  useEffect(() => {
    if (shown.current === product.id) return;
    shown.current = product.id;
    track('product_view');
  }, [product.id, track]);

  return <TrackContext.Provider value={track}>{children}</TrackContext.Provider>;
}
