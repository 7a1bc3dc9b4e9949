'use client';
// INTERFACE PLACEHOLDER: the tracker helper replaces the body; the exported name and props stay.
// For server-rendered pages: records `name` once when shown (once per distinct `onceKey`).
import type { EventName } from '@/lib/contract/events';
import type { TrackExtras } from '@/lib/clickstream/types';

export function TrackOnMount(_props: { name: EventName; extras?: TrackExtras; onceKey: string }) {
  return null;
}
