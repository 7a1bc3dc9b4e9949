// The one tracker of this browser tab, wired to the page's lifecycle and to the shopper's sign-in.
import { hasGpc } from './consent';
import { cachedTokenFor, tokenFor, watchShopper } from './shopper';
import { createTracker, type Tracker } from './tracker';

export const CLICKSTREAM_ENDPOINT = process.env.NEXT_PUBLIC_CLICKSTREAM_ENDPOINT || '/api/clickstream';

let tracker: Tracker | null = null;

/** Null on the server and when Global Privacy Control is on: then nothing is tracked at all. */
export function browserTracker(): Tracker | null {
  if (tracker || typeof window === 'undefined' || hasGpc()) return tracker;
  const t = createTracker({ endpoint: CLICKSTREAM_ENDPOINT, tokenFor, cachedTokenFor });
  tracker = t;
  watchShopper((sub, change) => {
    // sign_out belongs to the shopper who left; sign_in to the one who arrived.
    if (change === 'sign_out') t.track('sign_out');
    t.setUser(sub);
    if (change === 'sign_in') t.track('sign_in');
  });
  addEventListener('visibilitychange', () => document.visibilityState === 'hidden' && t.hide(false));
  addEventListener('pagehide', () => t.hide(true));
  addEventListener('online', t.reconnect);
  // A page restored from the back/forward cache is shown again without React noticing.
  addEventListener('pageshow', (e) => e.persisted && t.track('page_view'));
  // Events left by an earlier page (closed offline, say) go out now.
  t.flush();
  return t;
}
