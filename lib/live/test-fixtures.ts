// A hand-made half hour of a store for the live tests, relative to `now`, with the figures a
// store owner should read from it worked out beside the events (both sources must answer them).
import type { StoredEvent } from '../contract/events';
import { addToCart, checkoutComplete, PRODUCT } from '../ingest/test-fixtures';
import type { StreamRecord } from '../stream/record';
import { storedEvent } from '../warehouse/test-fixtures';

export const GOOGLEBOT_UA = 'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)';

const CLIENT_A = '0b7e3a52-8f7c-4e0e-9d4a-3f1f2b6c9e0a';
const CLIENT_B = '0b7e3a52-8f7c-4e0e-9d4a-3f1f2b6c9e0b';
const CLIENT_Z = '0b7e3a52-8f7c-4e0e-9d4a-3f1f2b6c9e0f';
const session = (n: number) => `6a1d2c3b-4e5f-4a6b-8c7d-9e0f1a2b3c0${n}`;

export function liveScenario(now: Date) {
  const ago = (minutes: number) => new Date(now.getTime() - minutes * 60_000).toISOString();
  const at = (minutes: number, event: Record<string, unknown>) => storedEvent({ ...event, client_timestamp: ago(minutes), event_timestamp: ago(minutes) });
  const a = { client_id: CLIENT_A, session_id: session(1) };
  const b = { client_id: CLIENT_B, session_id: session(2) };
  const ring = { page_path: '/products/aurora-ring' };
  const sale = { ...PRODUCT, context_product_id: 'luna-studs', context_product_name: 'Luna Studs', context_product_price: 100, context_product_discount_price: 80 };
  const kept = {
    // A: browsed, put two rings in the cart, took one out, and is on the ring's page now.
    aLanding: at(20, { ...a, page_path: '/' }),
    aAdd: at(10, addToCart({ ...a, ...ring, quantity: 2 })),
    aRemove: at(8, addToCart({ ...a, ...ring, event_name: 'remove_from_cart', quantity: 1 })),
    aView: at(2, { ...a, ...ring, ...PRODUCT, event_name: 'product_view' }),
    // B: bought the studs on sale a minute ago; the same browser has a second session on the home page.
    bAdd: at(4, addToCart({ ...b, ...sale, page_path: '/products/luna-studs' })),
    bOrder: at(1, checkoutComplete({ ...b, page_path: '/checkout/complete', order_id: 'LM-1', cart: { items: [{ product_id: 'luna-studs', quantity: 1, unit_price: 80 }], item_count: 1, value: 80, currency: 'USD' } })),
    cHome: at(3, { client_id: CLIENT_B, session_id: session(3), page_path: '/' }),
    // E: an order 25 minutes ago, in the order window but not active.
    eOrder: at(25, checkoutComplete({ session_id: session(5), page_path: '/checkout/complete', order_id: 'LM-2', cart: { items: [{ product_id: 'aurora-ring', quantity: 1, unit_price: 500 }], item_count: 1, value: 500, currency: 'USD' } })),
    // D: before the window: neither active nor an open cart.
    dAdd: at(40, addToCart({ session_id: session(4) })),
  };
  const excluded = {
    analyst: at(1, { client_id: CLIENT_Z, session_id: session(6), page_path: '/insights', page_url: 'https://lumen.example/insights' }),
    bot: at(1, { client_id: CLIENT_Z, session_id: session(7), page_path: '/', user_agent: GOOGLEBOT_UA }),
  };
  return { kept, excluded, events: [...Object.values(kept), ...Object.values(excluded)] as StoredEvent[] };
}

/** The scenario's figures, from its story above. */
export function scenarioFigures(scenario: ReturnType<typeof liveScenario>) {
  const { kept } = scenario;
  const windowed = Object.values(kept).filter((event) => event !== kept.dAdd);
  const figures = {
    active_shoppers: 2, // A and B's browser (the bot and the analyst do not count)
    active_sessions: 3, // A, B and B's second session
    pages: [
      { page_path: '/', sessions: 1 },
      { page_path: '/checkout/complete', sessions: 1 },
      { page_path: '/products/aurora-ring', sessions: 1 },
    ],
    // A's cart: two rings added, one removed; B bought, so B's cart is not open.
    carts: { open: 1, items: 1, value: (kept.aAdd.context_product_price ?? 0) * (2 - 1) },
    orders: { count: 2, revenue: 80 + 500 },
  };
  // The last events, newest first: the window's eight.
  return { figures, recent: windowed.sort((x, y) => y.event_timestamp.localeCompare(x.event_timestamp)) };
}

let sequence = 0;
export function toRecord(event: StoredEvent | string): StreamRecord {
  const text = typeof event === 'string' ? event : JSON.stringify(event);
  sequence += 1;
  return {
    sequenceNumber: String(49_000_000_000 + sequence),
    partitionKey: typeof event === 'string' ? 'bad' : event.session_id,
    data: new TextEncoder().encode(text),
    arrivedAt: new Date(),
  };
}
