import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { addToCart, cartLink, DEMO_SHOPPER, fillShipping, firstRowGap, placeOrder, rowsOf, signIn, signOut } from './support/storefront-helpers';

const RING = 'celeste-sapphire-ring'; // Solenne, on sale: $980 -> $790
const NECKLACE = 'halo-pendant-necklace';

/** The price a shopper pays, per product card, in page order. */
async function cardPrices(page: Page): Promise<number[]> {
  const texts = await page.getByRole('main').locator('article').allTextContents();
  return texts.map((t) => Number(t.match(/\$([\d,]+\.\d\d)/)![1].replace(/,/g, '')));
}

test('a guest finds a ring, buys it and sees the order number', async ({ page }) => {
  await page.goto('/');
  await expect(cartLink(page)).toHaveText('Cart (0)');
  await page.getByRole('banner').getByRole('link', { name: 'Rings', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Rings');
  await page.getByRole('link', { name: 'Celeste Sapphire Ring' }).click();

  const product = page.getByRole('main');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Celeste Sapphire Ring');
  await expect(page.getByRole('navigation', { name: 'Breadcrumb' }).getByRole('link')).toHaveText(['Home', 'Rings']);
  await expect(product.locator('s').first()).toHaveText(/\$980\.00/);
  await expect(product.getByText('$790.00').first()).toBeVisible();
  await expect(page.getByRole('heading', { name: 'You may also like' })).toBeVisible();

  await page.getByLabel('Quantity').selectOption('2');
  await page.getByRole('button', { name: 'Add to cart' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Added' })).toHaveText('Added 2 × Celeste Sapphire Ring to your cart.');
  await expect(cartLink(page)).toHaveText('Cart (2)');

  await cartLink(page).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Your cart');
  const summary = page.getByRole('region', { name: 'Order summary' });
  await expect(summary).toContainText('Subtotal$1,960.00');
  await expect(summary).toContainText('Savings−$380.00');
  await expect(summary).toContainText('Total$1,580.00');
  await page.getByRole('button', { name: 'Increase quantity of Celeste Sapphire Ring' }).click();
  await expect(summary).toContainText('Total$2,370.00');
  await expect(cartLink(page)).toHaveText('Cart (3)');

  await page.getByRole('link', { name: 'Checkout' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Checkout');
  const lines = page.getByRole('list', { name: 'Items in your order' }).getByRole('listitem');
  await expect(lines).toHaveText(['Celeste Sapphire Ring × 3$2,370.00']);
  await expect(summary).toContainText('Items3');
  await expect(summary).toContainText('Total$2,370.00');
  // Empty form: an inline error beside each field, nothing ordered.
  await page.getByRole('button', { name: 'Place order' }).click();
  await expect(page.getByRole('main').getByRole('alert')).toHaveText('Please correct the highlighted fields.');
  await expect(page.getByLabel('Email', { exact: true })).toHaveAccessibleDescription('Email is required');
  await expect(page.getByLabel('Postal code')).toHaveAccessibleDescription('Postal code is required');
  await fillShipping(page, { Email: 'not-an-email' });
  await page.getByRole('button', { name: 'Place order' }).click();
  await expect(page.getByLabel('Email', { exact: true })).toHaveAccessibleDescription('Enter a valid email address');
  await expect(page).toHaveURL(/\/checkout$/);

  await fillShipping(page);
  const orderNumber = await placeOrder(page);
  await expect(page).toHaveURL(new RegExp(`/checkout/confirmation\\?order=${orderNumber}$`));
  await expect(page.getByText('3 items, $2,370.00. A confirmation will be sent to ada@example.com.')).toBeVisible();
  await expect(lines).toHaveText(['Celeste Sapphire Ring × 3$2,370.00']);
  await expect(summary).toContainText('Total$2,370.00');
  // The number is in the heading, once.
  expect((await page.getByRole('main').textContent())!.split(orderNumber)).toHaveLength(2);
  await expect(cartLink(page)).toHaveText('Cart (0)');

  // Reloading the confirmation neither brings the cart back nor loses the order number.
  await page.reload();
  await expect(page.getByRole('heading', { level: 1 })).toContainText(orderNumber);
  await cartLink(page).click();
  await expect(page.getByText('Your cart is empty.')).toBeVisible();
});

test('the demo shopper signs in, buys as themselves and signs out', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByRole('banner').getByRole('link', { name: 'Sign in' })).toBeVisible();
  await signIn(page);
  const main = page.getByRole('main');
  await expect(main).toContainText(`You are signed in as ${DEMO_SHOPPER.email}.`);
  await expect(main.getByRole('button', { name: 'Sign out' })).toBeVisible();
  await page.reload();
  await expect(main).toContainText(`You are signed in as ${DEMO_SHOPPER.email}.`);
  await expect(main).not.toContainText('Sign in to see your details');
  const header = page.getByRole('banner');
  await expect(header.getByRole('button', { name: 'Sign out' })).toBeVisible();
  await expect(header.getByRole('link', { name: 'Sign in' })).toHaveCount(0);

  // The session survives navigation and full page loads.
  const name = await addToCart(page, NECKLACE);
  await expect(header.getByRole('link', { name: DEMO_SHOPPER.email })).toBeVisible();
  await cartLink(page).click();
  await expect(page.getByRole('link', { name })).toBeVisible();
  await page.getByRole('link', { name: 'Checkout' }).click();
  await fillShipping(page, { Email: DEMO_SHOPPER.email, 'Full name': 'Demo Shopper' });
  const orderNumber = await placeOrder(page);
  await expect(page.getByText(`A confirmation will be sent to ${DEMO_SHOPPER.email}.`)).toBeVisible();
  expect(orderNumber).toMatch(/^LJ-/);
  await expect(header.getByRole('link', { name: DEMO_SHOPPER.email })).toBeVisible();

  await signOut(page);
  await expect(header.getByRole('link', { name: DEMO_SHOPPER.email })).toHaveCount(0);
  await page.reload();
  await expect(header.getByRole('link', { name: 'Sign in' })).toBeVisible();
  await page.goto('/account');
  await expect(page.getByRole('main').getByRole('button', { name: 'Sign in', exact: true })).toBeVisible();
  await expect(page.getByRole('main')).toContainText('Sign in to see your details');
});

test('signing out on the account page signs the header out too', async ({ page }) => {
  await signIn(page);
  await page.getByRole('main').getByRole('button', { name: 'Sign out' }).click();
  await expect(page.getByRole('main').getByRole('button', { name: 'Sign in', exact: true })).toBeVisible();
  await expect(page.getByRole('banner').getByRole('link', { name: 'Sign in' })).toBeVisible();
});

test('a wrong password is refused with a message', async ({ page }) => {
  await page.goto('/account');
  await page.getByRole('textbox', { name: 'Email' }).fill(DEMO_SHOPPER.email);
  await page.getByLabel('Password', { exact: true }).fill('not-the-password');
  await page.getByRole('main').getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(page.getByRole('main').getByRole('alert')).toBeVisible();
  await expect(page.getByRole('banner').getByRole('link', { name: 'Sign in' })).toBeVisible();
});

test('an unknown product or collection is a real 404', async ({ page }) => {
  for (const path of ['/products/no-such-piece', '/collections/watches']) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(404);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Page not found');
    await expect(page.getByRole('link', { name: 'Back to the home page' })).toBeVisible();
  }
});

test('search finds pieces by material and brand, and says when nothing matches', async ({ page }) => {
  await page.goto('/');
  const search = page.getByRole('banner').getByRole('searchbox', { name: 'Search' });
  await search.fill('pearl');
  await search.press('Enter');
  await expect(page).toHaveURL(/\/search\?q=pearl$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Results for “pearl”');
  const names = await page.getByRole('main').locator('article h3').allTextContents();
  expect(names.length).toBeGreaterThan(2);
  expect(names).toContain('Cascade Pearl Strand');
  await expect(page.getByRole('status')).toHaveText(`${names.length} results`);

  await page.goto('/search?q=Solenne');
  const brands = await page.getByRole('main').locator('article').allTextContents();
  expect(brands.length).toBeGreaterThan(0);
  for (const text of brands) expect(text).toContain('Solenne');

  await page.goto('/search?q=kryptonite');
  await expect(page.getByRole('status')).toHaveText('0 results');
  await expect(page.getByText(/No pieces match/)).toBeVisible();
});

test('a collection sorts by price and name and filters by brand and sale', async ({ page }) => {
  await page.goto('/collections/bracelets');
  const all = await page.getByRole('main').locator('article').count();
  expect(all).toBeGreaterThan(3);

  await page.getByLabel('Sort by').selectOption('price-asc');
  await page.getByRole('button', { name: 'Apply' }).click();
  await expect(page).toHaveURL(/sort=price-asc/);
  const up = await cardPrices(page);
  expect(up).toEqual([...up].sort((a, b) => a - b));

  await page.getByLabel('Sort by').selectOption('name-asc');
  await page.getByRole('button', { name: 'Apply' }).click();
  await expect(page).toHaveURL(/sort=name-asc/);
  const names = await page.getByRole('main').locator('article h3').allTextContents();
  expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b)));

  await page.goto('/collections/rings');
  await page.getByRole('navigation', { name: 'Filter by brand' }).getByRole('link', { name: 'Solenne' }).click();
  await expect(page).toHaveURL(/brand=Solenne/);
  const solenne = await page.getByRole('main').locator('article').allTextContents();
  expect(solenne.length).toBeGreaterThan(0);
  for (const text of solenne) expect(text).toContain('Solenne');

  await page.getByRole('link', { name: 'On sale' }).click();
  await expect(page).toHaveURL(/sale=1/);
  const cards = page.getByRole('main').locator('article');
  await expect(cards).toHaveCount(await cards.locator('s').count());
  await expect(page.getByText(/^\d+ pieces?$/)).toHaveText(`${await cards.count()} ${(await cards.count()) === 1 ? 'piece' : 'pieces'}`);
});

test('the cart survives reloads and a line can be removed', async ({ page }) => {
  const ring = await addToCart(page, RING);
  const necklace = await addToCart(page, NECKLACE, 3);
  await expect(cartLink(page)).toHaveText('Cart (4)');
  await page.reload();
  await expect(cartLink(page)).toHaveText('Cart (4)');

  await page.goto('/cart');
  await page.reload();
  await expect(page.getByRole('link', { name: ring })).toBeVisible();
  await expect(page.getByRole('group', { name: `Quantity of ${necklace}` })).toContainText('3');

  await page.getByRole('button', { name: `Remove ${ring}` }).click();
  await expect(page.getByRole('link', { name: ring })).toHaveCount(0);
  await expect(cartLink(page)).toHaveText('Cart (3)');
  await page.reload();
  await expect(page.getByRole('link', { name: ring })).toHaveCount(0);
  await expect(page.getByRole('button', { name: `Remove ${necklace}` })).toBeVisible();

  await page.getByRole('button', { name: `Remove ${necklace}` }).click();
  await expect(page.getByText('Your cart is empty.')).toBeVisible();
  await expect(cartLink(page)).toHaveText('Cart (0)');
});

test('home, a collection, a product, the cart, checkout and account have no serious accessibility violations', async ({ page }) => {
  const check = async (label: string) => {
    const { violations } = await new AxeBuilder({ page }).analyze();
    const bad = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    expect(bad.map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`), label).toEqual([]);
  };
  await page.goto('/');
  await check('home');
  await page.goto('/collections/necklaces?sort=price-desc');
  await check('collection');
  await addToCart(page, RING);
  await check('product');
  await page.goto('/cart');
  await expect(page.getByRole('button', { name: /^Remove / })).toBeVisible();
  await check('cart');
  await page.getByRole('link', { name: 'Checkout' }).click();
  await page.getByRole('button', { name: 'Place order' }).click();
  await expect(page.getByRole('main').getByRole('alert')).toBeVisible();
  await check('checkout with errors');
  await page.goto('/account');
  await expect(page.getByRole('main').getByRole('button', { name: 'Sign in', exact: true })).toBeVisible();
  await check('account');
});

test('the store has an icon, and /favicon.ico is served', async ({ page, request }) => {
  const favicon = await request.get('/favicon.ico');
  expect(favicon.status()).toBe(200);
  expect(favicon.headers()['content-type']).toMatch(/^image\//);
  await page.goto('/');
  const icons = await page.locator('link[rel~="icon"]').evaluateAll((links) => links.map((l) => (l as HTMLLinkElement).href));
  expect(icons.length).toBeGreaterThan(0);
  for (const href of icons) expect((await request.get(href)).status(), href).toBe(200);
});

for (const width of [1280, 390]) {
  test(`product grids fill whole rows and leave no card alone at ${width}px`, async ({ page }) => {
    await page.setViewportSize({ width, height: 900 });
    const grids: [string, string][] = [
      ['/', 'Featured'],
      ['/', 'On sale'],
      ['/products/celeste-sapphire-ring', 'You may also like'],
      ['/collections/rings', 'Pieces in this collection'],
    ];
    for (const [path, name] of grids) {
      await page.goto(path);
      const grid = page.getByRole('region', { name }).locator('ul').first();
      const rows = await rowsOf(grid.locator('> li'));
      expect(rows.length, `${path} ${name}`).toBeGreaterThan(0);
      // Every row as full as the first, but the last, which still has company.
      expect(rows.slice(0, -1).every((n) => n === rows[0]), `${path} ${name}: ${rows}`).toBe(true);
      expect(rows.at(-1)!, `${path} ${name}: ${rows}`).toBeGreaterThan(1);
      expect(await firstRowGap(grid), `${path} ${name}: gap beside the first row`).toBeLessThanOrEqual(1);
    }
  });
}

for (const width of [360, 390]) {
  test(`a ${width}px phone's header takes two rows and keeps search, Sign in and Cart in view`, async ({ page }) => {
    await page.setViewportSize({ width, height: 800 });
    await page.goto('/');
    const header = page.getByRole('banner');
    expect(await rowsOf(header.locator('a, form'))).toHaveLength(2);
    for (const item of [header.getByRole('searchbox', { name: 'Search' }), header.getByRole('link', { name: 'Sign in' }), cartLink(page)]) {
      await expect(item).toBeInViewport({ ratio: 1 });
    }
  });
}

test('on a phone, no page scrolls sideways and the header keeps search, Sign in and Cart', async ({ page }) => {
  await page.setViewportSize({ width: 360, height: 740 });
  const noSideScroll = async (label: string) => {
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow, `${label} is wider than the screen`).toBeLessThanOrEqual(0);
  };
  await page.goto('/');
  const header = page.getByRole('banner');
  await expect(header.getByRole('searchbox', { name: 'Search' })).toBeInViewport();
  await expect(header.getByRole('link', { name: 'Sign in' })).toBeInViewport();
  await expect(cartLink(page)).toBeInViewport();
  await noSideScroll('home');
  await page.goto('/collections/earrings');
  await noSideScroll('collection');
  await addToCart(page, RING);
  await noSideScroll('product');
  await page.goto('/cart');
  await expect(page.getByRole('button', { name: /^Increase quantity/ })).toBeInViewport();
  await noSideScroll('cart');
  await page.getByRole('link', { name: 'Checkout' }).click();
  await expect(page.getByRole('button', { name: 'Place order' })).toBeVisible();
  await noSideScroll('checkout');
});
