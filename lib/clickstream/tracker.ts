// The tracker: turns track() calls into contract events with identity and page context, keeps
// them in the outbox and hands delivery to the sender. Every failure stays in here.
import type { EventName, WireEvent } from '@/lib/contract/events';
import { MAX_TITLE_LENGTH } from '@/lib/contract/limits';
import { trackingAllowed, setOptedOut } from './consent';
import { buildEvent } from './event';
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
/** Events wait this long at most for the page_view of their page, which must come first. */
export const VIEW_WAIT_MS = 1_000;
/** A page_view that finds no title waits this long at most for it: Next.js can set it after the URL. */
export const TITLE_WAIT_MS = 500;

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
  // Known from the start: the shopper is read from storage synchronously (lib/clickstream/shopper.ts).
  let user: string | null = null;
  // Events of a page whose page_view has not been recorded yet (its boundary rendered first).
  let held: WireEvent[] = [];
  let heldTimer: ReturnType<typeof setTimeout> | undefined;
  // The page_view waiting for its page's title, and how to stop waiting.
  let untitled: { view: WireEvent; stop: () => void } | null = null;
  let lastPage: string | null = null;
  let pageReferrer: string | null = null;
  let prompt = true;
  // The product page being shown (ProductBoundary says which), whose context every event of that page carries.
  let pageProduct: TrackedProduct | null = null;

  function queue(event: WireEvent) {
    if (!trackingAllowed()) return;
    appendEvent(event);
    checkInDevelopment(event);
    sender.soon(prompt || PROMPT_EVENTS.includes(event.event_name) ? PROMPT_FLUSH_MS : FLUSH_MS);
    prompt = false;
  }

  function track(name: EventName, extras?: TrackExtras, product?: TrackedProduct) {
    if (!trackingAllowed()) return;
    try {
      if (name === 'page_view') {
        // The page before is left: its page_view goes with whatever title it had.
        settleTitle();
        // After a soft navigation the referrer is the page before, inside the store.
        pageReferrer = lastPage ?? (document.referrer || null);
        lastPage = here();
      }
      const now = Date.now();
      product ??= pageProduct?.urlPath === location.pathname ? pageProduct : undefined;
      const event = buildEvent(name, touchIdentity(now), user, pageReferrer, now, extras, product);
      if (name !== 'page_view' && (lastPage !== here() || untitled)) {
        held.push(event);
        heldTimer ??= setTimeout(releaseHeld, VIEW_WAIT_MS);
        return;
      }
      if (name === 'page_view' && !event.page_title) return awaitTitle(event);
      queue(event);
      if (name === 'page_view') releaseHeld(event);
    } catch (error) {
      if (process.env.NODE_ENV !== 'production') console.error('[clickstream] could not record', name, error);
    }
  }

  /** Queues the held events of `view`'s page after it, and not earlier than it; without a view, all. */
  function releaseHeld(view?: WireEvent) {
    const mine = view ? held.filter((e) => e.page_url === view.page_url) : held;
    held = held.filter((e) => !mine.includes(e));
    if (!held.length) {
      clearTimeout(heldTimer);
      heldTimer = undefined;
    }
    for (const e of mine) {
      if (view && e.client_timestamp < view.client_timestamp) e.client_timestamp = view.client_timestamp;
      if (view) Object.assign(e, { referrer: view.referrer, page_title: view.page_title });
      queue(e);
    }
  }

  /** Holds a page_view (and its page's events) until the document has a title, briefly. */
  function awaitTitle(view: WireEvent) {
    const observer = new MutationObserver(() => document.title && settleTitle());
    observer.observe(document.head, { subtree: true, childList: true, characterData: true });
    const timer = setTimeout(settleTitle, TITLE_WAIT_MS);
    untitled = { view, stop: () => (observer.disconnect(), clearTimeout(timer)) };
  }

  function settleTitle() {
    if (!untitled) return;
    const { view, stop } = untitled;
    untitled = null;
    stop();
    if (location.href.startsWith(view.page_url)) view.page_title = document.title.slice(0, MAX_TITLE_LENGTH);
    queue(view);
    releaseHeld(view);
  }

  return {
    track,
    /** The signed-in user's sub, or null: events recorded from now on are theirs. */
    setUser(sub: string | null) {
      user = sub;
    },
    /** Sets (or, with null, clears) the product whose page is shown. */
    showProduct(product: TrackedProduct | null) {
      pageProduct = product;
    },
    flush: sender.flush,
    /** The page is going away: queue what waited for its title or page_view, then send what can be sent. */
    hide(unloading: boolean) {
      settleTitle();
      releaseHeld();
      if (unloading) sender.unload();
      else sender.flush();
    },
    reconnect: sender.reconnect,
    /** Opting out stops tracking and empties the outbox; opting in starts again from the next event. */
    setOptedOut(out: boolean) {
      setOptedOut(out);
      if (out) {
        untitled?.stop();
        untitled = null;
        held = [];
        clearTimeout(heldTimer);
        heldTimer = undefined;
        clearOutbox();
      }
    },
    stop() {
      untitled?.stop();
      clearTimeout(heldTimer);
      sender.stop();
    },
  };
}
