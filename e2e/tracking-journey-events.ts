// What the shopper journey's events (e2e/support/tracking-journey.ts) must say about the pages it showed.
import { expect } from '@playwright/test';
import type { WireEvent } from '../lib/contract/events';
import { formatMoney } from '../lib/catalog/format';
import { NECKLACE, RING, type journey } from './support/tracking-journey';

const paths = (events: { page_path: string }[]) => events.map((e) => e.page_path);

/** Checks the journey's events (each once, in the order they went out: clickstream.events()) against what the pages showed. */
export function expectJourneyEvents(events: WireEvent[], shown: Awaited<ReturnType<typeof journey>>) {
  const named = (name: string) => events.filter((e) => e.event_name === name);
  const views = named('page_view');
  expect(paths(views)).toEqual([
    '/', '/collections/rings', `/products/${RING.slug}`, '/collections/necklaces', `/products/${NECKLACE.slug}`, '/cart', '/checkout', '/checkout/confirmation',
  ]);
  expect(views[2]).toMatchObject(shown.ringShown);
  expect(views[2].referrer).toBe(views[1].page_url);

  const productViews = named('product_view');
  expect(productViews).toHaveLength(2);
  expect(productViews[0]).toMatchObject(shown.ringShown);
  expect(productViews[1]).toMatchObject(shown.necklaceShown);

  const adds = named('add_to_cart');
  expect(adds.map((e) => [e.context_product_id, e.quantity])).toEqual([[RING.id, 2], [NECKLACE.id, 1]]);
  expect(adds[0]).toMatchObject(shown.ringShown);
  expect(named('remove_from_cart')).toEqual([expect.objectContaining({ ...shown.necklaceShown, quantity: 1, page_path: '/cart' })]);

  const cart = { items: [{ product_id: RING.id, quantity: 2, unit_price: 790 }], item_count: 2, value: 1580, currency: 'USD' };
  expect(named('checkout_start')).toEqual([expect.objectContaining({ cart, page_path: '/checkout' })]);
  const [complete] = named('checkout_complete');
  expect(complete).toMatchObject({ cart, order_id: shown.orderNumber });
  expect(complete.context_product_id).toBeUndefined();
  expect(shown.receipt).toContain(`2 items, ${formatMoney(1580, 'USD')}`);

  // One browser identity throughout.
  expect(new Set(events.map((e) => e.client_id)).size).toBe(1);
  expect(new Set(events.map((e) => e.session_id)).size).toBe(1);
}
