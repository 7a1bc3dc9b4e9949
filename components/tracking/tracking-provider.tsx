'use client';
import { Suspense, useEffect, type ReactNode } from 'react';
import { browserTracker } from '@/lib/clickstream/browser';
import { PageViews } from './page-views';

/** Wraps every page: starts the tab's tracker and records a page_view per navigation. */
export function TrackingProvider({ children }: { children: ReactNode }) {
  useEffect(() => {
    browserTracker();
  }, []);
  return (
    <>
      {/* useSearchParams needs a boundary on static pages; PageViews renders nothing, so nothing waits on it. */}
      <Suspense fallback={null}>
        <PageViews />
      </Suspense>
      {children}
    </>
  );
}
