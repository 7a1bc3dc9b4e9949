'use client';
import { Suspense, useEffect, type ReactNode } from 'react';
import { browserTracker } from '@/lib/clickstream/browser';
import { PageViews } from './page-views';
import { TrackContext, trackInBrowser } from './track-context';

export { TrackContext };

/** Wraps every page: starts the tab's tracker and records a page_view per navigation. */
export function TrackingProvider({ children }: { children: ReactNode }) {
  useEffect(() => {
    browserTracker();
  }, []);
  return (
    <TrackContext.Provider value={trackInBrowser}>
      {/* useSearchParams needs a boundary on static pages; PageViews renders nothing, so nothing waits on it. */}
      <Suspense fallback={null}>
        <PageViews />
      </Suspense>
      {children}
    </TrackContext.Provider>
  );
}
