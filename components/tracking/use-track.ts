import { browserTracker } from '@/lib/clickstream/browser';
import type { Track } from '@/lib/clickstream/types';

/** Records through this tab's tracker; does nothing on the server or under Global Privacy Control. */
export const trackInBrowser: Track = (name, extras, product) => browserTracker()?.track(name, extras, product);

/**
 * The function that records an event from a component: identity, page and product context are
 * added for you (on a product page, that product's, which `ProductBoundary` tells the tracker).
 */
export function useTrack(): Track {
  return trackInBrowser;
}
