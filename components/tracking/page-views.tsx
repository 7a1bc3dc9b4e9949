'use client';
import { usePathname, useSearchParams } from 'next/navigation';
import { useContext, useEffect, useRef } from 'react';
import { TrackContext } from './track-context';

/** One page_view per URL shown: first load, links, back/forward and query changes. */
export function PageViews() {
  const path = usePathname();
  const query = useSearchParams().toString();
  const track = useContext(TrackContext);
  // Strict Mode runs effects twice and re-renders repeat them: only a new URL counts.
  const last = useRef('');
  useEffect(() => {
    const url = `${path}?${query}`;
    if (last.current === url) return;
    last.current = url;
    track('page_view');
  }, [path, query, track]);
  return null;
}
