// The shopper journey of the tracking specs, and what its pages showed (e2e/tracking-journey-events.ts
// checks the events against it).
import { expect, type Page } from '@playwright/test';
import { formatMoney } from '../../lib/catalog/format';
import { cartLink, fillShipping, placeOrder } from './storefront-helpers';

// Two catalog pieces as the shop sells them (Playwright cannot import the catalog's JSON module).
export const RING = { id: 'lj-r02', slug: 'celeste-sapphire-ring', name: 'Celeste Sapphire Ring', category: 'rings', collection: 'Rings', brand: 'Solenne', price: 980, discountPrice: 790 };
export const NECKLACE = { id: 'lj-n01', slug: 'halo-pendant-necklace', name: 'Halo Pendant Necklace', category: 'necklaces', collection: 'Necklaces', brand: 'Aurelia', price: 1120, discountPrice: null };
type Piece = typeof RING | typeof NECKLACE;

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
