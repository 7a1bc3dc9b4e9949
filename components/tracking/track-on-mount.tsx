'use client';
import { useEffect, useRef } from 'react';
import type { EventName } from '@/lib/contract/events';
import type { TrackExtras } from '@/lib/clickstream/types';
import { trackInBrowser } from './use-track';

/** For server-rendered pages: records `name` once when shown, and again only for a new `onceKey`. */
export function TrackOnMount({ name, extras, onceKey }: { name: EventName; extras?: TrackExtras; onceKey: string }) {
  const done = useRef<string | null>(null);
  useEffect(() => {
    if (done.current === onceKey) return;
    done.current = onceKey;
    trackInBrowser(name, extras);
    // extras belong to onceKey: a re-render with an equal but new object must not record again.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [name, onceKey]);
  return null;
}
