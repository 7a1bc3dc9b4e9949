'use client';
// INTERFACE PLACEHOLDER: the tracker helper replaces the body; the signature stays.
import { useContext } from 'react';
import type { Track } from '@/lib/clickstream/types';
import { TrackContext } from './tracking-provider';

export function useTrack(): Track {
  return useContext(TrackContext);
}
