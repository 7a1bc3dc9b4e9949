// The tracker against the production build, through the tracking test kit (e2e/clickstream): what
// goes on the wire (checked against the contract and against what the page showed) and what the
// ingestion API stored.
import type { WireEvent } from '../lib/contract/events';
import { clientIdOf, expect, outboxLength, test } from './clickstream';
import { cartLink, DEMO_SHOPPER, signIn, signOut } from './support/storefront-helpers';
import { addShown, journey, NECKLACE, RING } from './support/tracking-journey';
import { expectJourneyEvents } from './tracking-journey-events';

test('a guest journey sends contract-true events that match the pages, each stored once', async ({ page, clickstream }) => {
  const shown = await journey(page);
  await clickstream.expectEvent({ event_name: 'checkout_complete', order_id: shown.orderNumber, context_product_id: null }, { timeout: 15_000 });
  // Each event once, in the order it first went out, checked against the contract.
  const events = clickstream.events();
  expectJourneyEvents(events, shown);
  expect(events.every((e) => e.user_id == null && e.user_login_state === 'anonymous' && e.is_first_visit)).toBe(true);
  expect(clickstream.requests().every((r) => r.authorization === null && r.authToken === null)).toBe(true);

  await expect.poll(() => clickstream.stored().map((e) => e.event_id).sort()).toEqual(events.map((e) => e.event_id).sort());
  expect(clickstream.stored().every((e) => e.identity_verified === false && e.user_id === null)).toBe(true);
  expect(clickstream.rejected()).toEqual([]);
});

test('signed in through the Authenticator, events carry the shopper and are verified at rest', async ({ page, clickstream }) => {
  await page.goto('/');
  const { client_id: anonymousClient } = await clickstream.expectEvent({ event_name: 'page_view', user_id: null });

  await signIn(page);
  const signInEvent = await clickstream.expectExactlyOnce(
    { event_name: 'sign_in', user_id: DEMO_SHOPPER.sub, user_login_state: 'logged_in', identity_source: 'cognito', client_id: anonymousClient, identity_verified: true },
    { timeout: 15_000, settle: 0 },
  );

  const shown = await journey(page);
  await clickstream.expectEvent({ event_name: 'checkout_complete', order_id: shown.orderNumber }, { timeout: 15_000 });
  const all = clickstream.events();
  const journeyEvents = all.slice(all.findIndex((e) => e.event_id === signInEvent.event_id) + 1);
  expectJourneyEvents(journeyEvents, shown);
  expect(journeyEvents.every((e) => e.user_id === DEMO_SHOPPER.sub && e.user_login_state === 'logged_in')).toBe(true);

  await signOut(page);
  await clickstream.expectEvent({ event_name: 'sign_out', user_id: DEMO_SHOPPER.sub, client_id: anonymousClient, identity_verified: true }, { timeout: 15_000 });

  // Every signed-in event went with the shopper's token; at rest, the API verified it.
  const signedIn = clickstream.events({ user_id: DEMO_SHOPPER.sub });
  for (const request of clickstream.requests().filter((r) => (r.events[0] as WireEvent).user_id === DEMO_SHOPPER.sub)) {
    expect(request.authorization ?? `Bearer ${request.authToken}`).toMatch(/^Bearer ey/);
  }
  await expect.poll(() => clickstream.stored().length).toBe(clickstream.events().length);
  const storedSignedIn = clickstream.stored({ user_id: DEMO_SHOPPER.sub });
  expect(storedSignedIn.map((e) => e.event_id).sort()).toEqual(signedIn.map((e) => e.event_id).sort());
  expect(storedSignedIn.length).toBeGreaterThanOrEqual(10);
  expect(storedSignedIn.every((e) => e.identity_verified === true)).toBe(true);
  expect(clickstream.stored({ user_id: null }).every((e) => e.identity_verified === false)).toBe(true);
});

test('soft navigation, back/forward and query changes each record one page_view', async ({ page, clickstream }) => {
  await page.goto('/');
  await page.evaluate(() => Object.assign(window, { sameDocument: true }));
  const titles: string[] = [await page.title()];
  const step = async (action: () => Promise<unknown>, url: RegExp) => {
    await action();
    await expect(page).toHaveURL(url);
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    await expect.poll(() => page.title()).not.toBe(titles.at(-1));
    titles.push(await page.title());
  };
  await step(() => page.getByRole('banner').getByRole('link', { name: 'Earrings', exact: true }).click(), /\/collections\/earrings$/);
  await step(() => page.getByRole('contentinfo').getByRole('link', { name: 'Gold' }).click(), /\/search\?q=gold$/);
  await step(() => page.getByRole('contentinfo').getByRole('link', { name: 'Pearls' }).click(), /\/search\?q=pearl$/);
  await step(() => page.goBack(), /\/search\?q=gold$/);
  await step(() => page.goBack(), /\/collections\/earrings$/);
  await step(() => page.goForward(), /\/search\?q=gold$/);
  // Nothing above reloaded the document: these were client-side navigations.
  expect(await page.evaluate(() => (window as { sameDocument?: boolean }).sameDocument)).toBe(true);

  await expect.poll(() => clickstream.events({ event_name: 'page_view' }).length, { timeout: 10_000 }).toBe(7);
  await page.waitForTimeout(1500); // and no late doubles
  const views = clickstream.events({ event_name: 'page_view' });
  expect(views.map((e) => e.page_url.replace(/^https?:\/\/[^/]+/, ''))).toEqual([
    '/', '/collections/earrings', '/search?q=gold', '/search?q=pearl', '/search?q=gold', '/collections/earrings', '/search?q=gold',
  ]);
  expect(views.map((e) => e.page_title)).toEqual(titles);
  for (let i = 1; i < views.length; i++) expect(views[i].referrer).toBe(views[i - 1].page_url);
  // Each search page shown records its search with what it showed.
  expect(clickstream.events({ event_name: 'search' }).map((e) => e.search_term)).toEqual(['gold', 'pearl', 'gold', 'gold']);
});

test('an add to cart right before the page is closed still arrives', async ({ page, clickstream }) => {
  await page.goto(`/products/${RING.slug}`);
  await clickstream.expectEvent({ event_name: 'product_view', context_product_id: RING.id });
  await page.getByRole('button', { name: 'Add to cart' }).click();
  await page.close({ runBeforeUnload: true });
  // Read at rest: the closing page's request may leave before Playwright reports it.
  await expect.poll(() => clickstream.stored({ event_name: 'add_to_cart' }).length, { timeout: 10_000 }).toBe(1);
  expect(clickstream.stored({ event_name: 'add_to_cart' })[0]).toMatchObject({ context_product_id: RING.id, quantity: 1 });
});

test('events recorded offline are sent once the browser is back online', async ({ page, context, clickstream }) => {
  await page.goto(`/products/${RING.slug}`);
  await clickstream.expectEvent({ event_name: 'product_view', context_product_id: RING.id });
  await context.setOffline(true);
  await addShown(page, 3);
  await addShown(page, 1);
  await page.waitForTimeout(2500);
  expect(clickstream.stored({ event_name: 'add_to_cart' })).toEqual([]);
  await expect.poll(() => outboxLength(page)).toBe(2);

  await context.setOffline(false);
  await clickstream.expectEvent({ event_name: 'add_to_cart', context_product_id: RING.id, quantity: 3 }, { timeout: 15_000 });
  await clickstream.expectEvent({ event_name: 'add_to_cart', context_product_id: RING.id, quantity: 1 });
  expect(clickstream.stored().map((e) => e.event_name).sort()).toEqual(['add_to_cart', 'add_to_cart', 'page_view', 'product_view']);
  await expect.poll(() => outboxLength(page)).toBe(0);
});

test('an endpoint answering 503 three times is retried with the same events, each stored once', async ({ page, context, clickstream }) => {
  const answers: number[] = [];
  await context.route('**/api/clickstream', async (route) => {
    if (answers.length < 3) {
      answers.push(503);
      return route.fulfill({ status: 503, contentType: 'application/json', body: '{"error":"store unavailable"}' });
    }
    answers.push(0);
    return route.continue();
  });
  await page.goto(`/products/${RING.slug}`);
  await addShown(page, 1);
  await expect.poll(() => clickstream.stored().length, { timeout: 30_000 }).toBe(3);
  expect(answers.slice(0, 3)).toEqual([503, 503, 503]);
  const requests = clickstream.requests();
  const first = requests[0].events as WireEvent[];
  // The add to cart may or may not have joined the first batch, depending on when it went out.
  expect(first.map((e) => e.event_name).slice(0, 2)).toEqual(['page_view', 'product_view']);
  // Each retry resent the first batch as it was (event_id for event_id), with what came since.
  for (const request of requests.slice(1, 4)) expect(request.events.slice(0, first.length)).toEqual(first);
  expect(requests.slice(0, 3).map((r) => r.response?.status)).toEqual([503, 503, 503]);
  // A 503 asks for a retry: nothing was rejected, and each event went out (and is stored) once.
  expect(clickstream.rejected()).toEqual([]);
  await clickstream.expectExactlyOnce({ event_name: 'add_to_cart', context_product_id: RING.id }, { settle: 0 });
  const stored = clickstream.stored();
  expect(stored.map((e) => e.event_name).sort()).toEqual(['add_to_cart', 'page_view', 'product_view']);
  expect(new Set(clickstream.events().map((e) => e.event_id))).toEqual(new Set(stored.map((e) => e.event_id)));
  await expect.poll(() => outboxLength(page)).toBe(0);
});

test('with Global Privacy Control on, the tracker sends nothing at all', async ({ page, context, clickstream }) => {
  await context.addInitScript(() => Object.defineProperty(Navigator.prototype, 'globalPrivacyControl', { get: () => true }));
  await page.goto('/');
  await page.getByRole('banner').getByRole('link', { name: 'Rings', exact: true }).click();
  await page.getByRole('link', { name: RING.name }).first().click();
  await addShown(page, 1);
  await cartLink(page).click();
  await page.getByRole('contentinfo').getByText('Privacy choices').click();
  await expect(page.getByRole('contentinfo')).toContainText('Global Privacy Control');
  await page.waitForTimeout(2500);
  expect(clickstream.requests()).toEqual([]);
  expect(await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('lumen.cs')))).toEqual([]);
});

test('Privacy choices: opting out stops tracking and empties the outbox, across reloads, until opting back in', async ({ page, clickstream }) => {
  await page.goto('/');
  await clickstream.expectEvent({ event_name: 'page_view', page_path: '/' });
  const footer = page.getByRole('contentinfo');
  await footer.getByText('Privacy choices').click();
  await footer.getByRole('button', { name: 'Opt out of tracking' }).click();
  await expect(footer.getByRole('status')).toHaveText(/You opted out/);
  expect(await outboxLength(page)).toBe(0);

  await page.reload();
  await page.getByRole('banner').getByRole('link', { name: 'Rings', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Rings');
  await page.waitForTimeout(2000);
  expect(clickstream.requests()).toHaveLength(1);
  await footer.getByText('Privacy choices').click();
  await expect(footer.getByRole('status')).toHaveText(/You opted out/);

  await footer.getByRole('button', { name: 'Allow tracking' }).click();
  await page.getByRole('banner').getByRole('link', { name: 'Earrings', exact: true }).click();
  await clickstream.expectEvent({ event_name: 'page_view', page_path: '/collections/earrings' });
  expect(clickstream.events({ event_name: 'page_view' }).map((e) => e.page_path)).toEqual(['/', '/collections/earrings']);
});

test('two tabs sharing one outbox through an outage: every event is stored once, none is sent twice', async ({ context, clickstream }) => {
  let failing = true;
  const delivered: string[] = [];
  await context.route('**/api/clickstream', async (route) => {
    if (failing) return route.fulfill({ status: 503, contentType: 'application/json', body: '{"error":"store unavailable"}' });
    const body = JSON.parse(route.request().postData() ?? '{}') as { events: WireEvent[] };
    delivered.push(...body.events.map((e) => e.event_id));
    return route.continue();
  });
  const [one, two] = [await context.newPage(), await context.newPage()];
  await one.goto(`/products/${RING.slug}`);
  await two.goto(`/products/${NECKLACE.slug}`);
  await addShown(one, 2);
  await addShown(two, 1);
  await two.getByRole('banner').getByRole('link', { name: 'Rings', exact: true }).click();
  await expect.poll(() => outboxLength(one)).toBe(7);
  expect(await clientIdOf(two)).toBe(await clientIdOf(one));

  failing = false;
  await expect.poll(() => clickstream.stored().length, { timeout: 30_000 }).toBe(7);
  await expect.poll(() => outboxLength(two)).toBe(0);
  await one.waitForTimeout(2000);
  expect(delivered).toHaveLength(7);
  expect(new Set(delivered).size).toBe(7);
  expect(clickstream.clientIds()).toEqual([await clientIdOf(one)]);
  expect(clickstream.stored().map((e) => e.event_name).sort()).toEqual([
    'add_to_cart', 'add_to_cart', 'page_view', 'page_view', 'page_view', 'product_view', 'product_view',
  ]);
});
