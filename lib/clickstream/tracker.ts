// The tracker: turns track() calls into contract events with identity and page context, keeps
// them in the outbox and hands delivery to the sender. Every failure stays in here.
import type { EventName, WireEvent } from '@/lib/contract/events';
import { trackingAllowed, setOptedOut } from './consent';
import { buildEvent, stampUser } from './event';
import { touchIdentity } from './identity';
import { appendEvent, clearOutbox } from './outbox';
import { createSender, type SenderOptions } from './sender';
import type { TrackedProduct, TrackExtras } from './types';

/** The first event of a page goes out at once (with whatever joins it in this short window)... */
export const PROMPT_FLUSH_MS = 50;
/** ...later ones are batched for this long... */
export const FLUSH_MS = 1_000;
/** ...except those that a full page load often follows at once. */
const PROMPT_EVENTS: EventName[] = ['page_view', 'sign_in', 'sign_out', 'checkout_complete'];
/** Events wait this long at most for the signed-in user to be known... */
export const USER_WAIT_MS = 3_000;
/** ...and for the page_view of their page, which must come first. */
export const VIEW_WAIT_MS = 1_000;

const here = () => location.href.split('#')[0];

export type TrackerOptions = Omit<SenderOptions, 'allowed'>;
export type Tracker = ReturnType<typeof createTracker>;

function checkInDevelopment(event: WireEvent) {
  if (process.env.NODE_ENV === 'production') return;
  // A dynamic import, so that zod never ships in the production tracker.
  void import('@/lib/contract/events').then(({ wireEventSchema }) => {
    const result = wireEventSchema.safeParse(event);
    if (!result.success) console.error(`[clickstream] invalid ${event.event_name} event: ${result.error.message}`);
  });
}

export function createTracker(options: TrackerOptions) {
  const sender = createSender({ ...options, allowed: trackingAllowed });
  let user: string | null = null;
  let userKnown = false;
  let pending: WireEvent[] = [];
  // Events of a page whose page_view has not been recorded yet (its boundary rendered first).
  let held: WireEvent[] = [];
  let heldTimer: ReturnType<typeof setTimeout> | undefined;
  let lastPage: string | null = null;
  let pageReferrer: string | null = null;
  let prompt = true;
  // The product page being shown, so that events outside its boundary (its page_view) carry it too.
  let pageProduct: TrackedProduct | null = null;
  const waitTimer = setTimeout(() => setUser(user), USER_WAIT_MS);

  function enqueue(event: WireEvent) {
    if (!trackingAllowed()) return;
    appendEvent(stampUser(event, user));
    checkInDevelopment(event);
    sender.soon(prompt || PROMPT_EVENTS.includes(event.event_name) ? PROMPT_FLUSH_MS : FLUSH_MS);
    prompt = false;
  }

  function track(name: EventName, extras?: TrackExtras, product?: TrackedProduct) {
    if (!trackingAllowed()) return;
    try {
      if (name === 'page_view') {
        // After a soft navigation the referrer is the page before, inside the store.
        pageReferrer = lastPage ?? (document.referrer || null);
        lastPage = here();
      }
      const now = Date.now();
      product ??= pageProduct?.urlPath === location.pathname ? pageProduct : undefined;
      const event = buildEvent(name, touchIdentity(now), pageReferrer, now, extras, product);
      if (name !== 'page_view' && lastPage !== here()) {
        held.push(event);
        heldTimer ??= setTimeout(releaseHeld, VIEW_WAIT_MS);
        return;
      }
      queue(event);
      if (name === 'page_view') releaseHeld(event.client_timestamp);
    } catch (error) {
      if (process.env.NODE_ENV !== 'production') console.error('[clickstream] could not record', name, error);
    }
  }

  /** Queues held events after their page_view, and not earlier than it. */
  function releaseHeld(after?: string) {
    clearTimeout(heldTimer);
    heldTimer = undefined;
    const events = held;
    held = [];
    for (const e of events) {
      if (after && e.client_timestamp < after) e.client_timestamp = after;
      if (after) e.referrer = pageReferrer;
      queue(e);
    }
  }

  function queue(event: WireEvent) {
    if (userKnown) enqueue(event);
    else pending.push(event);
  }

  /** The signed-in user's sub, or null; the first call releases the events that waited for it. */
  function setUser(sub: string | null) {
    user = sub;
    if (userKnown) return;
    userKnown = true;
    clearTimeout(waitTimer);
    const waiting = pending;
    pending = [];
    waiting.forEach(enqueue);
  }

  return {
    track,
    setUser,
    /** Sets (or, with null, clears) the product whose page is shown. */
    showProduct(product: TrackedProduct | null) {
      pageProduct = product;
    },
    userId: () => user,
    flush: sender.flush,
    /** The page is going away: queue what waited for the user, then send what can be sent. */
    hide(unloading: boolean) {
      releaseHeld();
      if (!userKnown) setUser(user);
      if (unloading) sender.unload();
      else sender.flush();
    },
    reconnect: sender.reconnect,
    /** Opting out stops tracking and empties the outbox; opting in starts again from the next event. */
    setOptedOut(out: boolean) {
      setOptedOut(out);
      if (out) {
        pending = [];
        held = [];
        clearOutbox();
      }
    },
    stop() {
      clearTimeout(waitTimer);
      clearTimeout(heldTimer);
      sender.stop();
    },
  };
}
