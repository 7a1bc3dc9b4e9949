// The `live` report: what the store is doing now, from the last 30 minutes of eligible events,
// whichever source they come from (the live table, or the warehouse without one). One function
// computes it from the events, so both sources answer the same figures for the same events.
import { z } from 'zod';
import { EVENT_NAMES } from '../contract/events';
import { count, money, toMoney } from '../insights/numbers';
import type { LiveEvent } from './item';

export const ACTIVE_MINUTES = 5;
export const WINDOW_MINUTES = 30;
const TOP_PAGES = 10;
const RECENT_EVENTS = 20;

export const liveSchema = z.strictObject({
  /** `stream`: the live table the stream consumer writes; `warehouse`: the warehouse's rows, as loaded. */
  source: z.enum(['stream', 'warehouse']),
  as_of: z.iso.datetime(),
  active_minutes: z.literal(ACTIVE_MINUTES),
  window_minutes: z.literal(WINDOW_MINUTES),
  active_shoppers: count,
  active_sessions: count,
  pages: z.array(z.strictObject({ page_path: z.string(), sessions: count })).max(TOP_PAGES),
  carts: z.strictObject({ open: count, items: count, value: money }),
  orders: z.strictObject({ count, revenue: money }),
  recent: z
    .array(z.strictObject({ at: z.iso.datetime(), event_name: z.enum(EVENT_NAMES), page_path: z.string(), product_name: z.string().nullable(), device_type: z.string().nullable() }))
    .max(RECENT_EVENTS),
});
export type LiveReport = z.infer<typeof liveSchema>;
export type LiveSource = LiveReport['source'];

const newestFirst = (a: LiveEvent, b: LiveEvent) => b.at.localeCompare(a.at) || b.event_id.localeCompare(a.event_id);

/** The report as of `now` over `events` (any superset of the window: older and later ones are ignored). */
export function liveReport(events: LiveEvent[], now: Date, source: LiveSource): LiveReport {
  const since = (minutes: number) => new Date(now.getTime() - minutes * 60_000).toISOString();
  const until = now.toISOString();
  const windowed = firstCopies(events).filter((e) => e.at >= since(WINDOW_MINUTES) && e.at <= until).sort(newestFirst);
  const active = windowed.filter((e) => e.at >= since(ACTIVE_MINUTES));

  // Each active session counts on the page of its latest event.
  const pageOf = new Map<string, string>();
  for (const e of active) if (!pageOf.has(e.session_id)) pageOf.set(e.session_id, e.page_path);
  const perPage = new Map<string, number>();
  for (const path of pageOf.values()) perPage.set(path, (perPage.get(path) ?? 0) + 1);
  const pages = [...perPage].map(([page_path, sessions]) => ({ page_path, sessions }))
    .sort((a, b) => b.sessions - a.sessions || a.page_path.localeCompare(b.page_path)).slice(0, TOP_PAGES);

  const orders = new Map<string, number>();
  for (const e of windowed) if (e.event_name === 'checkout_complete' && e.order_id && !orders.has(e.order_id)) orders.set(e.order_id, e.order_value ?? 0);

  return {
    source,
    as_of: until,
    active_minutes: ACTIVE_MINUTES,
    window_minutes: WINDOW_MINUTES,
    active_shoppers: new Set(active.map((e) => e.client_id)).size,
    active_sessions: pageOf.size,
    pages,
    carts: openCarts(windowed),
    orders: { count: orders.size, revenue: toMoney([...orders.values()].reduce((sum, value) => sum + value, 0)) },
    recent: windowed.slice(0, RECENT_EVENTS).map((e) => ({ at: e.at, event_name: e.event_name, page_path: e.page_path, product_name: e.product_name, device_type: e.device_type })),
  };
}

/**
 * One event per event_id, its first arrival: a tracker that retries an event the API already took
 * sends the same event_id again, which the stream carries as a second record received later (the
 * warehouse keeps one row per event_id the same way).
 */
function firstCopies(events: LiveEvent[]): LiveEvent[] {
  const first = new Map<string, LiveEvent>();
  for (const e of events) {
    const known = first.get(e.event_id);
    if (!known || e.at < known.at) first.set(e.event_id, e);
  }
  return [...first.values()];
}

/** The carts of the window's sessions that have not bought: what their adds and removes leave. */
function openCarts(events: LiveEvent[]): LiveReport['carts'] {
  const bought = new Set(events.filter((e) => e.event_name === 'checkout_complete').map((e) => e.session_id));
  const lines = new Map<string, { quantity: number; price: number }>();
  for (const e of [...events].reverse()) {
    if (bought.has(e.session_id) || !e.product_id || !e.quantity) continue;
    const sign = e.event_name === 'add_to_cart' ? 1 : e.event_name === 'remove_from_cart' ? -1 : 0;
    if (!sign) continue;
    const key = `${e.session_id} ${e.product_id}`;
    const line = lines.get(key) ?? { quantity: 0, price: 0 };
    // A remove of more than the window saw added empties the line; it never goes below nothing.
    line.quantity = Math.max(0, line.quantity + sign * e.quantity);
    line.price = e.unit_price ?? line.price;
    lines.set(key, line);
  }
  const sessions = new Set<string>();
  let items = 0;
  let value = 0;
  for (const [key, line] of lines) {
    if (!line.quantity) continue;
    sessions.add(key.split(' ')[0]);
    items += line.quantity;
    value += line.quantity * line.price;
  }
  return { open: sessions.size, items, value: toMoney(value) };
}
