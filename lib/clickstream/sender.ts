// Delivery: drains the shared outbox in batches, one tab at a time, retrying what the network or
// the API could not take and never resending what the API acknowledged or rejected.
import type { WireEvent } from '@/lib/contract/events';
import { MAX_BATCH_EVENTS } from '@/lib/contract/limits';
import { backoffDelay, parseRetryAfter } from './backoff';
import { leaseBatch, outboxSize, releaseEvents, removeEvents } from './outbox';
import { byteLength } from './store';

/** Bodies stay under the API's 64 KB floor and the browser's keepalive quota. */
export const MAX_BODY_BYTES = 60_000;
/** How long a batch on the wire is off limits to other tabs and pages. */
export const LEASE_MS = 15_000;
const LOCK_NAME = 'lumen-clickstream-send';

export type SenderOptions = {
  endpoint: string;
  allowed: () => boolean;
  /** The Cognito token vouching for `userId`, when there is one. */
  tokenFor: (userId: string | null) => Promise<string | undefined>;
  /** The same, synchronously from memory: all there is time for while the page unloads. */
  cachedTokenFor: (userId: string | null) => string | undefined;
};

type Outcome = 'done' | 'retry' | 'smaller';

const online = () => navigator.onLine !== false;

export function createSender(o: SenderOptions) {
  let attempt = 0;
  let retryAt = 0;
  let maxBatch = MAX_BATCH_EVENTS;
  let draining = false;
  let again = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let due = Infinity;

  function schedule(delay: number) {
    delay = Math.max(delay, retryAt - Date.now());
    const at = Date.now() + delay;
    if (timer !== undefined && due <= at) return;
    clearTimeout(timer);
    due = at;
    timer = setTimeout(() => {
      timer = undefined;
      due = Infinity;
      flush();
    }, delay);
  }

  /** Waits `ms` (the server's Retry-After) or the next backoff step before trying again. */
  function retry(ms?: number | null): Outcome {
    retryAt = Date.now() + (ms ?? backoffDelay(attempt));
    attempt++;
    return 'retry';
  }

  async function post(batch: WireEvent[]): Promise<Outcome> {
    const token = await o.tokenFor(batch[0].user_id ?? null);
    // The shopper may have opted out while the token was read.
    if (!o.allowed()) return 'done';
    let res: Response;
    try {
      const body = JSON.stringify({ events: batch });
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      if (token) headers.authorization = `Bearer ${token}`;
      // keepalive lets a request started as the page goes away finish anyway.
      res = await fetch(o.endpoint, { method: 'POST', body, headers, keepalive: byteLength(body) < MAX_BODY_BYTES });
    } catch {
      return retry();
    }
    const status = res.status;
    if (status === 408 || status === 429 || status >= 500) return retry(parseRetryAfter(res.headers.get('retry-after'), Date.now()));
    if (status === 413 && batch.length > 1) return 'smaller';
    if (process.env.NODE_ENV !== 'production') {
      const body = await res.text().catch(() => '');
      if (status >= 300 || body.includes('"errors"')) console.error(`[clickstream] the API answered ${status} and rejected events; they are not retried`, body);
    }
    return 'done';
  }

  async function drain() {
    while (o.allowed() && online()) {
      const now = Date.now();
      const batch = leaseBatch(now, now + LEASE_MS, maxBatch, MAX_BODY_BYTES);
      if (!batch.length) {
        // Events leased by a page that went away come back once their lease ends.
        if (outboxSize()) schedule(LEASE_MS);
        return;
      }
      const ids = batch.map((e) => e.event_id);
      const outcome = await post(batch);
      if (outcome === 'done') {
        removeEvents(ids);
        attempt = 0;
        retryAt = 0;
        continue;
      }
      releaseEvents(ids);
      if (outcome === 'smaller') maxBatch = Math.max(1, batch.length >> 1);
      else return schedule(retryAt - Date.now());
    }
  }

  /** Sends what waits now, unless a retry is pending or another tab is already sending. */
  function flush() {
    if (draining) {
      again = true;
      return;
    }
    if (Date.now() < retryAt) return schedule(0);
    draining = true;
    again = false;
    const locks = navigator.locks;
    const run = locks
      ? locks.request(LOCK_NAME, { ifAvailable: true }, (lock) => (lock ? drain() : schedule(1_000)))
      : drain();
    Promise.resolve(run)
      .catch(() => {})
      .finally(() => {
        draining = false;
        if (again) flush();
      });
  }

  /**
   * Last chance as the page goes away: nothing asynchronous runs any more, so batches go out at
   * once as keepalive requests with a text/plain string body (no CORS preflight), the token in the
   * envelope. Their answers never come back to this page: the leases let a later page resend
   * whatever is still in the outbox, and the API stores a repeated event_id once.
   */
  function unload() {
    if (!o.allowed()) return;
    for (let now = Date.now(), batch; (batch = leaseBatch(now, now + LEASE_MS, maxBatch, MAX_BODY_BYTES)).length; ) {
      const token = o.cachedTokenFor(batch[0].user_id ?? null);
      const body = JSON.stringify(token ? { events: batch, auth_token: token } : { events: batch });
      fetch(o.endpoint, { method: 'POST', body, keepalive: true, headers: { 'content-type': 'text/plain;charset=UTF-8' } }).catch(() => {});
    }
  }

  return {
    flush,
    unload,
    /** Sends within `delay` ms (later if a retry is pending). */
    soon: (delay: number) => schedule(delay),
    /** The network is back: retry now rather than at the end of the backoff. */
    reconnect() {
      attempt = 0;
      retryAt = 0;
      flush();
    },
    stop: () => clearTimeout(timer),
  };
}
