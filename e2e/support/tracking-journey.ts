// The shopper journey of the tracking specs, and what its events must say about the pages shown.
import { expect, type Page } from '@playwright/test';
import type { WireEvent } from '../../lib/contract/events';
import { formatMoney } from '../../lib/catalog/format';
import { cartLink, fillShipping, placeOrder } from './storefront-helpers';

// Two catalog pieces as the shop sells them (Playwright cannot import the catalog's JSON module).
export const RING = { id: 'lj-r02', slug: 'celeste-sapphire-ring', name: 'Celeste Sapphire Ring', category: 'rings', collection: 'Rings', brand: 'Solenne', price: 980, discountPrice: 790 };
export const NECKLACE = { id: 'lj-n01', slug: 'halo-pendant-necklace', name: 'Halo Pendant Necklace', category: 'necklaces', collection: 'Necklaces', brand: 'Aurelia', price: 1120, discountPrice: null };
type Piece = typeof RING | typeof NECKLACE;

const paths = (events: { page_path: string }[]) => events.map((e) => e.page_path);

/** The product context a product page's events must carry, read from the page as shown. */
async function shownProduct(page: Page, product: Piece) {
  const main = page.getByRole('main');
  const currency = 'USD';
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(product.name);
  await expect(main.getByText(product.brand, { exact: true }).first()).toBeVisible();
  await expect(main.getByText(formatMoney(product.price, currency)).first()).toBeVisible();
  if (product.discountPrice !== null) await expect(main.getByText(formatMoney(product.discountPrice, currency)).first()).toBeVisible();
  await expect(main.getByRole('definition').filter({ hasText: product.id.toUpperCase() })).toBeVisible();
  await expect(page.getByRole('navigation', { name: 'Breadcrumb' }).getByRole('link', { name: product.collection, exact: true })).toHaveAttribute('href', `/collections/${product.category}`);
  return {
    context_product_id: product.id,
    context_product_name: product.name,
    context_product_category: product.category,
    context_product_brand: product.brand,
    context_product_price: product.price,
    context_product_discount_price: product.discountPrice,
    context_product_url_path: `/products/${product.slug}`,
    currency,
  };
}

export async function addShown(page: Page, quantity: number) {
  await page.getByLabel('Quantity').selectOption(String(quantity));
  await page.getByRole('button', { name: 'Add to cart' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Added' })).toContainText(`Added ${quantity} ×`);
}

/** Browses home -> Rings -> ring (add 2) -> Necklaces -> necklace (add 1) -> cart (remove necklace) -> checkout -> order. */
export async function journey(page: Page) {
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await page.getByRole('banner').getByRole('link', { name: 'Rings', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Rings');
  await page.getByRole('link', { name: RING.name }).first().click();
  const ringShown = await shownProduct(page, RING);
  await addShown(page, 2);
  await page.getByRole('banner').getByRole('link', { name: 'Necklaces', exact: true }).click();
  await page.getByRole('link', { name: NECKLACE.name }).first().click();
  const necklaceShown = await shownProduct(page, NECKLACE);
  await addShown(page, 1);
  await cartLink(page).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Your cart');
  await page.getByRole('button', { name: `Remove ${NECKLACE.name}` }).click();
  await expect(cartLink(page)).toHaveText('Cart (2)');
  await page.getByRole('link', { name: 'Checkout' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Checkout');
  await fillShipping(page);
  const orderNumber = await placeOrder(page);
  const receipt = await page.getByText(/A confirmation will be sent/).textContent();
  return { ringShown, necklaceShown, orderNumber, receipt: receipt ?? '' };
}

/**
 * Each event once, in the order it first went out. An event in flight when a page unloads is sent
 * again by the next page (its answer was lost with the page): always byte for byte the same event.
 */
export function firstSends(events: WireEvent[]): WireEvent[] {
  const seen = new Map<string, WireEvent>();
  for (const e of events) {
    if (seen.has(e.event_id)) expect(e).toEqual(seen.get(e.event_id));
    else seen.set(e.event_id, e);
  }
  return [...seen.values()];
}

/** Checks the journey's events (in the order they went out) against what the pages showed. */
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
