'use client';
import { useEffect, useLayoutEffect, useRef, type ReactNode } from 'react';
import { browserTracker } from '@/lib/clickstream/browser';
import type { TrackedProduct } from '@/lib/clickstream/types';
import { trackInBrowser } from './use-track';

/**
 * Wraps a product page: product_view once per product shown. The tracker is told which product
 * the page shows, so every event of the page (its page_view too) carries it.
 */
export function ProductBoundary({ product, children }: { product: TrackedProduct; children: ReactNode }) {
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
    trackInBrowser('product_view', undefined, product);
  }, [product]);
  return children;
}
