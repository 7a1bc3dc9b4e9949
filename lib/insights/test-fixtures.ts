// A small hand-made store for the report tests: five sessions, written event by event, loaded into
// a fresh warehouse the way the loader would. The tests work their expected figures out from the
// constants below.
import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import type { StoredEvent } from '../contract/events';
import { insertEvents, storedEvent } from '../warehouse/test-fixtures';

export const RANGE = { from: '2026-11-10', to: '2026-11-12' };

export const AURORA = { id: 'aurora-ring', name: 'Aurora Ring', price: 129.99 };
export const LUNA = { id: 'luna-earrings', name: 'Luna Earrings', price: 45.5 };
export const OPAL = { id: 'opal-pendant', name: 'Opal Pendant', price: 310 };

type Item = { product: typeof AURORA; quantity: number };
export const ORDER_A: Item[] = [{ product: AURORA, quantity: 2 }];
export const ORDER_C: Item[] = [{ product: AURORA, quantity: 1 }, { product: LUNA, quantity: 1 }];
export const ORDER_E: Item[] = [{ product: LUNA, quantity: 3 }];
export const orderValue = (items: Item[]) => Math.round(items.reduce((sum, i) => sum + i.quantity * i.product.price, 0) * 100) / 100;

const cart = (items: Item[]) => ({
  items: items.map(({ product, quantity }) => ({ product_id: product.id, quantity, unit_price: product.price })),
  item_count: items.reduce((sum, i) => sum + i.quantity, 0),
  value: orderValue(items),
  currency: 'USD',
});
const product = (p: typeof AURORA) => ({
  context_product_id: p.id, context_product_name: p.name, context_product_category: 'rings', context_product_brand: 'Lumen Atelier',
  context_product_price: p.price, context_product_url_path: `/products/${p.id}`, currency: 'USD', page_path: `/products/${p.id}`,
});

export const page = (path = '/') => ({ event_name: 'page_view', page_path: path });
export const view = (p: typeof AURORA) => ({ event_name: 'product_view', ...product(p) });
export const add = (p: typeof AURORA, quantity = 1) => ({ event_name: 'add_to_cart', ...product(p), quantity });
export const checkout = (items: Item[]) => ({ event_name: 'checkout_start', cart: cart(items), page_path: '/checkout' });
export const order = (id: string, items: Item[]) => ({ event_name: 'checkout_complete', order_id: id, cart: cart(items), page_path: '/checkout/confirmation' });
export const search = (term: string, results: number) => ({ event_name: 'search', search_term: term, result_count: results, page_path: '/search' });

type Step = Record<string, unknown> & { at?: string };

/**
 * One session's events, a minute apart from `start` unless a step sets `at`; `shared` goes on
 * every event (client, device, sign-in). A step's `client_at` overrides its client_timestamp only.
 */
export function session(start: string, steps: Step[], shared: Record<string, unknown> = {}): StoredEvent[] {
  const ids = { session_id: randomUUID(), client_id: randomUUID(), ...shared };
  return steps.map(({ at, client_at, ...step }, index) => {
    const time = (at as string | undefined) ?? new Date(Date.parse(start) + index * 60_000).toISOString();
    return storedEvent({ ...ids, event_timestamp: time, client_timestamp: (client_at as string | undefined) ?? time, ...step });
  });
}

export const GUEST_ADA = randomUUID();
export const ADA = { user_id: 'sub-ada', user_login_state: 'logged_in', identity_source: 'cognito', identity_verified: true };

/**
 * A: the whole funnel in order and one order (11-10). B: adds to cart before viewing the product
 * (one request, so the client clock orders them), then searches, across midnight (11-10 -> 11-11).
 * C: a phone from Google, adds and orders without a checkout_start, the order reported twice (11-12).
 * D: Ada again, now signed in, on the same browser as A (11-12). E: the period before (11-08).
 * F: the day after the range.
 */
export function storeEvents(): StoredEvent[] {
  return [
    ...session('2026-11-10T10:00:00.000Z', [page(), view(AURORA), add(AURORA, 2), checkout(ORDER_A), order('LJ-A00001', ORDER_A)], { client_id: GUEST_ADA }),
    ...session('2026-11-10T23:58:00.000Z', [
      page(),
      { ...add(LUNA), at: '2026-11-10T23:59:00.000Z', client_at: '2026-11-10T23:58:30.000Z' },
      { ...view(LUNA), at: '2026-11-10T23:59:00.000Z', client_at: '2026-11-10T23:58:40.000Z' },
      { ...search('Rings ', 3), at: '2026-11-11T00:01:00.000Z' },
      { ...search('rings', 3), at: '2026-11-11T00:02:00.000Z' },
      { ...view(OPAL), at: '2026-11-11T00:03:00.000Z' },
    ]),
    ...session('2026-11-12T09:00:00.000Z', [search(' Opal ', 0), page(), view(AURORA), add(AURORA), order('LJ-C00001', ORDER_C), order('LJ-C00001', ORDER_C)], {
      device_type: 'mobile', country: 'FR', referrer: 'https://www.google.com/search?q=rings',
    }),
    ...session('2026-11-12T15:00:00.000Z', [page('/account')], { client_id: GUEST_ADA, ...ADA }),
    ...session('2026-11-08T08:00:00.000Z', [page(), order('LJ-E00001', ORDER_E)]),
    ...session('2026-11-13T00:00:00.000Z', [page(), view(AURORA), order('LJ-F00001', ORDER_A)]),
  ];
}

export const loadStore = (pool: pg.Pool) => insertEvents(pool, storeEvents());
