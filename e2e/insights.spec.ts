// The store owner's dashboard end to end: a guest lands from a newsletter campaign and orders in
// the production build, the warehouse loader runs, and the demo analyst sees that visit and order
// in every panel of /insights. The warehouse is this run's own (scripts/warehouse-server.ts);
// other specs' events may be in it too, so figures are the API's answer before the order plus
// what the test computes from the guest's own stored events.
import fs from 'node:fs';
import { expect, test } from './clickstream';
import { formatMoney } from '../lib/catalog/format';
import type { AcquisitionReport } from '../lib/insights/acquisition';
import type { FunnelReport } from '../lib/insights/funnel';
import type { OverviewReport } from '../lib/insights/overview';
import type { ProductPerformanceReport } from '../lib/insights/product-performance';
import type { ProductsReport } from '../lib/insights/products';
import type { ReturningReport } from '../lib/insights/returning';
import { DEMO_ANALYST } from '../scripts/cognito-seed.mjs';
import { E2E } from './support/env';
import { api, csvRows, defaultRange, expectNoSeriousViolations, load, rowsOf, signInAtInsights } from './support/insights-helpers';
import { layoutFaults } from './support/layout';
import { addToCart, fillShipping, placeOrder, signIn } from './support/storefront-helpers';
import { RING } from './support/tracking-journey';

// A campaign no other spec or earlier run used (the e2e warehouse outlives a run), landed on from a
// long-named site (the width that overlapped at 1280 px).
const CAMPAIGN = { utm_source: 'lumen-newsletter', utm_medium: 'email', utm_campaign: `winter-gifts-${Date.now().toString(36)}` };
const REFERRER = 'https://mail.journal-of-fine-jewelry.example/';
const percent = (ratio: number, digits: number) => `${(ratio * 100).toFixed(digits)}%`;
const DAY_MS = 86_400_000;

async function figures() {
  const [overview, funnel, products, acquisition, performance, returning] = await Promise.all([
    api<OverviewReport>('overview'),
    api<FunnelReport>('funnel'),
    api<ProductsReport>('products'),
    api<AcquisitionReport>('acquisition'),
    api<ProductPerformanceReport>('product-performance'),
    api<ReturningReport>('returning'),
  ]);
  const none = { sessions: 0, orders: 0, revenue: 0 };
  const ring = performance.products.find((p) => p.product_id === RING.id);
  const monday = mondayOf(Date.now());
  return {
    revenue: overview.revenue,
    completed: funnel.steps.at(-1)!.sessions,
    sold: products.products.find((p) => p.product_id === RING.id)?.units_sold ?? 0,
    email: acquisition.channels.find((c) => c.channel === 'email') ?? none,
    ring: ring ?? { view_sessions: 0, cart_sessions: 0, checkout_sessions: 0, purchase_sessions: 0, units_sold: 0, revenue: 0 },
    cohort: returning.cohorts.find((c) => c.week_start === monday)?.shoppers ?? 0,
  };
}

/** The Monday (UTC) of the week holding `ms`, as the cohorts name their weeks. */
function mondayOf(ms: number) {
  const weekday = (new Date(ms).getUTCDay() + 6) % 7;
  return new Date(ms - weekday * DAY_MS).toISOString().slice(0, 10);
}

const money = (n: number) => Math.round(n * 100) / 100;

test('a guest order from a campaign reaches the analyst at /insights, in every panel and its CSV', async ({ browser, clickstream }) => {
  test.setTimeout(120_000);
  // Alone, this spec starts before any event is stored: the loader still needs its folder.
  fs.mkdirSync(E2E.dataDir, { recursive: true });
  load();
  const before = await figures();

  const guestContext = await browser.newContext();
  clickstream.watch(guestContext);
  const guest = await guestContext.newPage();
  await guest.goto(`/?${new URLSearchParams(CAMPAIGN)}`, { referer: REFERRER });
  // The landing page's view stored before the guest moves on: its URL and referrer are the session's source.
  const landing = await clickstream.expectEvent({ event_name: 'page_view', page_path: '/' }, { timeout: 20_000 });
  expect([landing.page_url, landing.referrer]).toEqual([`${E2E.baseURL}/?${new URLSearchParams(CAMPAIGN)}`, REFERRER]);
  await addToCart(guest, RING.slug);
  await guest.goto('/checkout');
  await fillShipping(guest);
  await placeOrder(guest);
  const order = await clickstream.expectEvent({ event_name: 'checkout_complete' }, { timeout: 20_000 });
  await guest.context().close();
  expect(load()).toMatch(/^warehouse: [1-9]\d* new/);
  const value = order.cart!.value;
  const ringRevenue = order.cart!.items.filter((i) => i.product_id === RING.id).reduce((sum, i) => sum + i.quantity * i.unit_price, 0);

  // A context of its own: the analyst shares nothing with the guest (axe also needs one).
  const page = await (await browser.newContext({ acceptDownloads: true })).newPage();
  await signInAtInsights(page, DEMO_ANALYST);
  await expect(page.getByText(`Signed in as ${DEMO_ANALYST.email}`)).toBeVisible();
  const funnel = page.getByRole('region', { name: 'Funnel' });
  await expect(funnel.getByRole('row', { name: /^Placed an order/ }).getByRole('cell').first()).toHaveText(String(before.completed + 1));
  // The revenue figure itself: with one order, the average order shows the same amount.
  const revenueFigure = page.getByRole('region', { name: 'Headline figures' }).locator('div').filter({ has: page.locator('dt', { hasText: /^Revenue$/ }) });
  await expect(revenueFigure.locator('dd').first()).toHaveText(formatMoney(money(before.revenue + value)));
  const product = page.getByRole('region', { name: 'Top products' }).getByRole('row', { name: new RegExp(`^${RING.name}`) });
  await expect(product.getByRole('cell').nth(2)).toHaveText(String(before.sold + 1));

  // Acquisition: the campaign is the guest's alone; the email channel gained its session and order.
  const acquisition = page.getByRole('region', { name: 'Acquisition' });
  const campaigns = acquisition.getByRole('table', { name: 'Campaigns' });
  await expect(campaigns.getByRole('row', { name: new RegExp(`^${CAMPAIGN.utm_campaign}`) }).locator('th, td')).toHaveText(
    [CAMPAIGN.utm_campaign, CAMPAIGN.utm_source, CAMPAIGN.utm_medium, '1', '1', formatMoney(value), '100.00%'],
  );
  const email = { sessions: before.email.sessions + 1, orders: before.email.orders + 1, revenue: money(before.email.revenue + value) };
  await expect(acquisition.getByRole('table', { name: 'Channels' }).getByRole('row', { name: /^Email/ }).locator('th, td')).toHaveText(
    ['Email', String(email.sessions), String(email.orders), formatMoney(email.revenue), percent(email.orders / email.sessions, 2)],
  );

  // Product performance: the ring's row, its rates recomputed, and its own funnel when chosen.
  const performance = page.getByRole('region', { name: 'Product performance' });
  const r = before.ring;
  const ring = { view: r.view_sessions + 1, cart: r.cart_sessions + 1, checkout: r.checkout_sessions + 1, bought: r.purchase_sessions + 1 };
  await expect(performance.getByRole('row', { name: new RegExp(`^${RING.name}`) }).locator('th, td')).toHaveText([
    RING.name, RING.category, String(ring.view), String(ring.cart), String(ring.checkout), String(ring.bought),
    percent(ring.cart / ring.view, 1), percent(ring.bought / ring.cart, 1), String(r.units_sold + 1), formatMoney(money(r.revenue + ringRevenue)),
  ]);
  const viewed = performance.getByRole('columnheader', { name: 'Viewed' });
  await viewed.getByRole('button').click();
  await expect(viewed).toHaveAttribute('aria-sort', 'descending');
  const views = (await rowsOf(performance.getByRole('table').first())).map((cells) => Number(cells[2]));
  expect(views).toEqual([...views].sort((a, b) => b - a));
  await performance.getByRole('button', { name: RING.name }).click();
  await expect(performance.getByRole('table', { name: `Funnel of ${RING.name}` }).locator('tbody tr td:first-of-type')).toHaveText(
    [ring.view, ring.cart, ring.checkout, ring.bought].map(String),
  );

  // Returning shoppers: the guest is a new shopper of this week's cohort.
  const cohort = page.getByRole('region', { name: 'Returning shoppers' }).getByRole('row', { name: new RegExp(`^${mondayOf(Date.now())}`) });
  await expect(cohort.getByRole('cell').first()).toHaveText(String(before.cohort + 1));

  // Day by day: the previous 30 days beside these, named in the legend.
  const range = defaultRange();
  const previous = { from: new Date(Date.parse(range.from) - 30 * DAY_MS).toISOString().slice(0, 10), to: new Date(Date.parse(range.from) - DAY_MS).toISOString().slice(0, 10) };
  await expect(page.getByRole('region', { name: 'Day by day' }).getByText(`Previous period (${previous.from} to ${previous.to})`)).toBeVisible();

  // The whole dashboard, a product's funnel open: no serious accessibility fault.
  await expectNoSeriousViolations(page);

  // CSV: the file is named with the range, and its rows are the table's.
  const [download] = await Promise.all([page.waitForEvent('download'), acquisition.getByRole('button', { name: 'Download CSV of the Campaigns table' }).click()]);
  expect(download.suggestedFilename()).toBe(`acquisition-campaigns-${range.from}-to-${range.to}.csv`);
  const dash = (v: string) => v || '–';
  expect((await csvRows(download)).map((c) => [
    dash(c.utm_campaign), dash(c.utm_source), dash(c.utm_medium), c.sessions, c.orders, formatMoney(Number(c.revenue)), percent(Number(c.conversion_rate), 2),
  ])).toEqual(await rowsOf(campaigns));
  await page.context().close();
});

test('the Live panel says its figures come from the warehouse and shows a new visit without a reload', async ({ browser, clickstream }) => {
  test.setTimeout(90_000);
  fs.mkdirSync(E2E.dataDir, { recursive: true });
  const page = await (await browser.newContext()).newPage();
  await signInAtInsights(page, DEMO_ANALYST);
  const live = page.getByRole('region', { name: 'Live' });
  // Folder mode (no CLICKSTREAM_LIVE_TABLE): the warehouse is the source, and the panel says what makes it live.
  await expect(live.getByText(/^From the warehouse.*CLICKSTREAM_SINK=kinesis/)).toBeVisible();
  await expect(live.getByText(/^Active shoppers in the last 5 minutes: \d+\. Orders in the last 30 minutes: \d+\.$/)).toHaveAttribute('aria-live', 'polite');
  const asOf = await live.getByText(/as of/).textContent();

  const guestContext = await browser.newContext();
  clickstream.watch(guestContext);
  const guest = await guestContext.newPage();
  await guest.goto(`/products/${RING.slug}`);
  await clickstream.expectEvent({ event_name: 'product_view', page_path: `/products/${RING.slug}` }, { timeout: 20_000 });
  await guestContext.close();
  expect(load()).toMatch(/^warehouse: [1-9]\d* new/);
  // The same page, asked again on its own: the guest's view is the newest of the latest events.
  const latest = live.getByRole('table', { name: 'Latest events' });
  await expect(latest.getByRole('row').filter({ hasText: `product view: ${RING.name}` }).first()).toBeVisible({ timeout: 15_000 });
  await expect(latest.getByRole('row').nth(1).locator('td').nth(2)).toHaveText(`/products/${RING.slug}`);
  await expect(live.getByText(/as of/)).not.toHaveText(asOf!);
  await expect(live.getByRole('table', { name: 'Active sessions by page' }).getByRole('row', { name: new RegExp(`^/products/${RING.slug}`) })).toBeVisible();
  await page.context().close();
});

test('the range is in the URL: a reload keeps it, a bad one falls back to the last 30 days', async ({ page }) => {
  await signInAtInsights(page, DEMO_ANALYST);
  await page.getByRole('radio', { name: 'Last 7 days' }).check();
  const to = new Date().toISOString().slice(0, 10);
  const from = new Date(Date.now() - 6 * DAY_MS).toISOString().slice(0, 10);
  await expect(page).toHaveURL(`/insights?from=${from}&to=${to}`);
  await page.reload();
  await expect(page.getByText(`${from} to ${to} (UTC), 7 days`)).toBeVisible();
  await expect(page.getByRole('radio', { name: 'Last 7 days' })).toBeChecked();
  await page.goto('/insights?from=2026-02-30&to=soon');
  const range = defaultRange();
  await expect(page.getByText(`${range.from} to ${range.to} (UTC), 30 days`)).toBeVisible();
  await expect(page.getByRole('region', { name: 'Headline figures' })).toBeVisible();
});

test('every section reads well at 1280, 1024, 768 and 390 px: nothing overlaps, nothing is clipped', async ({ page }) => {
  await signInAtInsights(page, DEMO_ANALYST);
  // Everything shown that a reader can open: the tables behind disclosures, a product's funnel.
  await page.getByRole('region', { name: 'Product performance' }).getByRole('row').nth(1).getByRole('button').click();
  for (const summary of await page.locator('main details > summary').all()) await summary.click();
  for (const width of [1280, 1024, 768, 390]) {
    await page.setViewportSize({ width, height: 900 });
    await expect.poll(() => layoutFaults(page), { message: `at ${width} px` }).toEqual([]);
  }
  // At a phone's width the page itself does not scroll sideways; wide tables scroll in their own box.
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
});

test('signed out, /insights asks to sign in and the shop never links to it', async ({ page }) => {
  await page.goto('/insights');
  await expect(page.getByText('Sign in with an analyst account')).toBeVisible();
  await expectNoSeriousViolations(page);
  await page.goto('/');
  await expect(page.locator('a[href*="/insights"]')).toHaveCount(0);
});

test('a shopper outside the analysts group is told the account has no access', async ({ page }) => {
  await signIn(page);
  await page.goto('/insights');
  await expect(page.getByRole('main').getByRole('alert')).toContainText('has no access to the insights');
});
