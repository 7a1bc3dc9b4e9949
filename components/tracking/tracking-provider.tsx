'use client';
// INTERFACE PLACEHOLDER: the tracker helper replaces the body; the exported names and props stay.
import { createContext, type ReactNode } from 'react';
import type { Track } from '@/lib/clickstream/types';

export const TrackContext = createContext<Track>(() => {});

export function TrackingProvider({ children }: { children: ReactNode }) {
  return children;
}
