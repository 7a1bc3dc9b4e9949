'use client';
import { usePathname, useSearchParams } from 'next/navigation';
import { useEffect, useRef } from 'react';
import { trackInBrowser } from './use-track';

/** One page_view per URL shown: first load, links, back/forward and query changes. */
export function PageViews() {
  const path = usePathname();
  const query = useSearchParams().toString();
  // Strict Mode runs effects twice and re-renders repeat them: only a new URL counts.
  const last = useRef('');
  useEffect(() => {
    const url = `${path}?${query}`;
    if (last.current === url) return;
    last.current = url;
    trackInBrowser('page_view');
  }, [path, query]);
  return null;
}
