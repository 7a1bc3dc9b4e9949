'use client';
import { useContext } from 'react';
import type { Track } from '@/lib/clickstream/types';
import { TrackContext } from './track-context';

/** The function that records an event from here: identity, page and product context are added for you. */
export function useTrack(): Track {
  return useContext(TrackContext);
}
