import { createContext } from 'react';
import { browserTracker } from '@/lib/clickstream/browser';
import type { Track } from '@/lib/clickstream/types';

/** Records through this tab's tracker; does nothing on the server or under Global Privacy Control. */
export const trackInBrowser: Track = (name, extras, product) => browserTracker()?.track(name, extras, product);

export const TrackContext = createContext<Track>(trackInBrowser);
