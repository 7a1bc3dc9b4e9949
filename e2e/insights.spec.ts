// The store owner's dashboard end to end: a guest orders in the production build, the warehouse
// loader runs, and the demo analyst sees that order at /insights. The warehouse is this run's own
// (scripts/warehouse-server.ts); other specs' events may be in it too, so figures are compared
// with what the API answered before the order.
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { formatMoney } from '../lib/catalog/format';
import type { OverviewReport } from '../lib/insights/overview';
import type { FunnelReport } from '../lib/insights/funnel';
import type { ProductsReport } from '../lib/insights/products';
import { cognitoLocalTokens } from '../lib/ingest/test-servers';
import { DEMO_ANALYST, DEMO_POOL } from '../scripts/cognito-seed.mjs';
import { E2E } from './support/env';
import { layoutFaults } from './support/layout';
import { addToCart, fillShipping, placeOrder, signIn } from './support/storefront-helpers';
import { RING } from './support/tracking-journey';
import { clientIdOf, waitForStoredNamed } from './support/tracking-wire';

const CAMPAIGN = { utm_source: 'lumen-newsletter', utm_medium: 'email', utm_campaign: 'winter-gifts-2026' };
const CAMPAIGN_QUERY = `?${new URLSearchParams(CAMPAIGN)}`;
const REFERRER = 'https://mail.journal-of-fine-jewelry.example/';

function load(): string {
  const output = execFileSync('npm', ['run', '--silent', 'warehouse:load'], {
    env: { ...process.env, CLICKSTREAM_DATA_DIR: E2E.dataDir, DATABASE_URL: E2E.databaseUrl },
    encoding: 'utf8',
  });
  const last = output.trim().split('\n').at(-1) ?? '';
  expect(last).toMatch(/^warehouse: \d+ new, \d+ duplicate, \d+ bad, \d+ files read$/);
  return last;
}

async function api<T>(report: string): Promise<T> {
  const { IdToken } = await cognitoLocalTokens(E2E.cognitoEndpoint, DEMO_POOL.clientId, DEMO_ANALYST);
  const response = await fetch(`${E2E.baseURL}/api/insights/${report}`, { headers: { authorization: `Bearer ${IdToken}` } });
  expect(response.status).toBe(200);
  return response.json() as Promise<T>;
}

async function figures() {
  const [overview, funnel, products] = await Promise.all([api<OverviewReport>('overview'), api<FunnelReport>('funnel'), api<ProductsReport>('products')]);
  return {
    revenue: overview.revenue,
    completed: funnel.steps.at(-1)!.sessions,
    sold: products.products.find((p) => p.product_id === RING.id)?.units_sold ?? 0,
  };
}

async function signInAtInsights(page: Page, user: { email: string; password: string }) {
  await page.goto('/insights');
  await page.getByRole('textbox', { name: 'Email' }).fill(user.email);
  await page.getByLabel('Password', { exact: true }).fill(user.password);
  await page.getByRole('main').getByRole('button', { name: 'Sign in', exact: true }).click();
}

async function expectNoSeriousViolations(page: Page) {
  const { violations } = await new AxeBuilder({ page }).analyze();
  const serious = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(', ')}`)).toEqual([]);
}

test('a guest order reaches the analyst at /insights: funnel, revenue and top products', async ({ browser }) => {
  // Alone, this spec starts before any event is stored: the loader still needs its folder.
  fs.mkdirSync(E2E.dataDir, { recursive: true });
  load();
  const before = await figures();

  const guest = await (await browser.newContext()).newPage();
  // Lands from a link in a newsletter read on a long-named site: the campaign and the referrer are the session's.
  await guest.goto(`/${CAMPAIGN_QUERY}`, { referer: REFERRER });
  await addToCart(guest, RING.slug);
  await guest.goto('/checkout');
  await fillShipping(guest);
  await placeOrder(guest);
  const [order] = await waitForStoredNamed(await clientIdOf(guest), 'checkout_complete');
  await guest.context().close();
  expect(load()).toMatch(/^warehouse: [1-9]\d* new/);

  // A context of its own: the analyst shares nothing with the guest (axe also needs one).
  const page = await (await browser.newContext()).newPage();
  await signInAtInsights(page, DEMO_ANALYST);
  await expect(page.getByText(`Signed in as ${DEMO_ANALYST.email}`)).toBeVisible();
  const funnel = page.getByRole('region', { name: 'Funnel' });
  await expect(funnel.getByRole('row', { name: /^Placed an order/ }).getByRole('cell').first()).toHaveText(String(before.completed + 1));
  const revenue = Math.round((before.revenue + order.cart!.value) * 100) / 100;
  // The revenue figure itself: with one order, the average order shows the same amount.
  const revenueFigure = page.getByRole('region', { name: 'Headline figures' }).locator('div').filter({ has: page.locator('dt', { hasText: /^Revenue$/ }) });
  await expect(revenueFigure.locator('dd').first()).toHaveText(formatMoney(revenue));
  const product = page.getByRole('region', { name: 'Top products' }).getByRole('row', { name: new RegExp(`^${RING.name}`) });
  await expect(product.getByRole('cell').nth(2)).toHaveText(String(before.sold + 1));
  await expectNoSeriousViolations(page);

  // A phone's width: the page fits, its wide tables scroll inside their own box.
  await page.setViewportSize({ width: 390, height: 844 });
  const sticksOut = await page.evaluate(() =>
    [...document.querySelectorAll('main *')]
      .filter((e) => {
        for (let p = e.parentElement; p; p = p.parentElement) if (getComputedStyle(p).overflowX !== 'visible') return false;
        return e.getBoundingClientRect().right > innerWidth + 1;
      })
      .map((e) => `${e.tagName.toLowerCase()}.${e.className}`),
  );
  expect(sticksOut).toEqual([]);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await page.context().close();
});

test('every section reads well at 1280, 1024, 768 and 390 px: nothing overlaps, nothing is clipped', async ({ page }) => {
  await signInAtInsights(page, DEMO_ANALYST);
  await expect(page.getByRole('region', { name: 'Audience' })).toBeVisible();
  // The tables behind disclosures are checked open.
  for (const summary of await page.locator('main details > summary').all()) await summary.click();
  for (const width of [1280, 1024, 768, 390]) {
    await page.setViewportSize({ width, height: 900 });
    await expect.poll(() => layoutFaults(page), { message: `at ${width} px` }).toEqual([]);
  }
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
