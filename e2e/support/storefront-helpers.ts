// Shopper actions shared by the specs: each one goes through the page the way a shopper does,
// using the names of links, buttons and fields that issue 2 fixes as the interface.
import { expect, type Locator, type Page } from '@playwright/test';
import { DEMO_SHOPPER } from '../../scripts/cognito-seed.mjs';

export { DEMO_SHOPPER };

export const SHIPPING = {
  Email: 'ada@example.com',
  'Full name': 'Ada Lovelace',
  Address: '12 St James Square',
  City: 'London',
  'Postal code': 'SW1Y 4JH',
  Country: 'United Kingdom',
} as const;

/** The header's cart link, whose text carries the item count: "Cart (2)". */
export const cartLink = (page: Page) => page.getByRole('banner').getByRole('link', { name: /^Cart/ });

/** Opens a product page and adds `quantity` of it; waits for the page to confirm. */
export async function addToCart(page: Page, slug: string, quantity = 1): Promise<string> {
  await page.goto(`/products/${slug}`);
  const name = (await page.getByRole('heading', { level: 1 }).textContent()) ?? '';
  if (quantity !== 1) await page.getByLabel('Quantity').selectOption(String(quantity));
  await page.getByRole('button', { name: 'Add to cart' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Added' })).toHaveText(`Added ${quantity} × ${name} to your cart.`);
  return name;
}

/** Fills the checkout form; `overrides` replaces fields by label. */
export async function fillShipping(page: Page, overrides: Partial<Record<keyof typeof SHIPPING, string>> = {}): Promise<void> {
  for (const [label, value] of Object.entries({ ...SHIPPING, ...overrides })) {
    await page.getByLabel(label, { exact: true }).fill(value);
  }
}

/** From a filled checkout form: places the order and returns the order number shown to the shopper. */
export async function placeOrder(page: Page): Promise<string> {
  await page.getByRole('button', { name: 'Place order' }).click();
  const heading = page.getByRole('heading', { level: 1 });
  await expect(heading).toContainText('Thank you');
  const orderNumber = (await heading.textContent())?.match(/LJ-[A-Z0-9]{6}/)?.[0];
  expect(orderNumber, 'the confirmation heading shows the order number').toBeTruthy();
  return orderNumber!;
}

/** Signs in through /account with the Authenticator; waits for the header to show the email. */
export async function signIn(page: Page, shopper: { email: string; password: string } = DEMO_SHOPPER): Promise<void> {
  await page.goto('/account');
  await page.getByRole('textbox', { name: 'Email' }).fill(shopper.email);
  await page.getByLabel('Password', { exact: true }).fill(shopper.password);
  await page.getByRole('main').getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(page.getByRole('banner').getByRole('link', { name: shopper.email })).toBeVisible();
}

/** Signs out with the header's button; waits for the header to offer "Sign in" again. */
export async function signOut(page: Page): Promise<void> {
  await page.getByRole('banner').getByRole('button', { name: 'Sign out' }).click();
  await expect(page.getByRole('banner').getByRole('link', { name: 'Sign in' })).toBeVisible();
}

/** How many of `boxes` sit on each visual row, top to bottom (boxes whose middles are within 8 px share a row). */
export async function rowsOf(boxes: Locator): Promise<number[]> {
  const middles = await boxes.evaluateAll((els) =>
    els.map((el) => el.getBoundingClientRect()).filter((r) => r.width > 0).map((r) => r.top + r.height / 2),
  );
  const rows: number[][] = [];
  for (const y of middles.sort((a, b) => a - b)) {
    if (rows.length && y - rows.at(-1)![0] < 8) rows.at(-1)!.push(y);
    else rows.push([y]);
  }
  return rows.map((row) => row.length);
}

/** The gap between a grid's right edge and its first row's last card: 0 when the row fills the width. */
export async function firstRowGap(grid: Locator): Promise<number> {
  return grid.evaluate((ul) => {
    const cards = [...ul.children].map((li) => li.getBoundingClientRect());
    const firstRow = cards.filter((c) => Math.abs(c.top - cards[0].top) < 8);
    return Math.round(ul.getBoundingClientRect().right - Math.max(...firstRow.map((c) => c.right)));
  });
}
