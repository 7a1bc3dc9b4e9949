// The tracker against the production build: what goes on the wire (checked against the contract
// and against what the page showed) and what the ingestion API stored.
import { expect, test } from '@playwright/test';
import type { WireEvent } from '../lib/contract/events';
import { cartLink, DEMO_SHOPPER, signIn, signOut } from './support/storefront-helpers';
import { addShown, expectJourneyEvents, firstSends, journey, NECKLACE, RING } from './support/tracking-journey';
import { clientIdOf, outboxLength, recordWire, storedFor, waitForStored, type WireRequest } from './support/tracking-wire';

test('a guest journey sends contract-true events that match the pages, each stored once', async ({ page, context }) => {
  const wire = recordWire(context);
  const shown = await journey(page);
  await expect.poll(() => wire.named('checkout_complete').length, { timeout: 15_000 }).toBe(1);
  wire.expectContractTrue();
  const events = firstSends(wire.events());
  expectJourneyEvents(events, shown);
  expect(events.every((e) => e.user_id === null && e.user_login_state === 'anonymous' && e.is_first_visit)).toBe(true);
  expect(wire.requests.every((r: WireRequest) => r.authorization === null && r.authToken === null)).toBe(true);

  const stored = await waitForStored(await clientIdOf(page), events.map((e) => e.event_id));
  expect(stored).toHaveLength(events.length);
  expect(stored.every((e) => e.identity_verified === false && e.user_id === null)).toBe(true);
  const storedComplete = stored.find((e) => e.event_name === 'checkout_complete')!;
  expect(storedComplete.order_id).toBe(shown.orderNumber);
  expect(storedComplete.context_product_id).toBeNull();
});

test('signed in through the Authenticator, events carry the shopper and are verified at rest', async ({ page, context }) => {
  const wire = recordWire(context);
  await page.goto('/');
  await expect.poll(() => wire.named('page_view').length).toBe(1);
  const anonymousClient = wire.named('page_view')[0].client_id;

  await signIn(page);
  await expect.poll(() => wire.named('sign_in').length, { timeout: 15_000 }).toBe(1);
  const [signInEvent] = wire.named('sign_in');
  expect(signInEvent).toMatchObject({ user_id: DEMO_SHOPPER.sub, user_login_state: 'logged_in', identity_source: 'cognito', client_id: anonymousClient });

  const shown = await journey(page);
  await expect.poll(() => wire.named('checkout_complete').length, { timeout: 15_000 }).toBe(1);
  const all = firstSends(wire.events());
  const journeyEvents = all.slice(all.findIndex((e) => e.event_id === signInEvent.event_id) + 1);
  expectJourneyEvents(journeyEvents, shown);
  expect(journeyEvents.every((e) => e.user_id === DEMO_SHOPPER.sub && e.user_login_state === 'logged_in')).toBe(true);

  await signOut(page);
  await expect.poll(() => wire.named('sign_out').length, { timeout: 15_000 }).toBe(1);
  wire.expectContractTrue();
  expect(wire.named('sign_out')[0]).toMatchObject({ user_id: DEMO_SHOPPER.sub, client_id: anonymousClient });

  // Every signed-in event went with the shopper's token; at rest, the API verified it.
  const signedIn = wire.events().filter((e) => e.user_id === DEMO_SHOPPER.sub);
  for (const request of wire.requests.filter((r) => r.events[0].user_id === DEMO_SHOPPER.sub)) {
    expect(request.authorization ?? `Bearer ${request.authToken}`).toMatch(/^Bearer ey/);
  }
  const stored = await waitForStored(anonymousClient, wire.events().map((e) => e.event_id));
  const storedSignedIn = stored.filter((e) => signedIn.some((s) => s.event_id === e.event_id));
  expect(storedSignedIn.length).toBeGreaterThanOrEqual(10);
  expect(storedSignedIn.every((e) => e.identity_verified === true && e.user_id === DEMO_SHOPPER.sub)).toBe(true);
  expect(stored.filter((e) => e.user_id === null).every((e) => e.identity_verified === false)).toBe(true);
  expect(stored.find((e) => e.event_name === 'sign_in')).toMatchObject({ user_id: DEMO_SHOPPER.sub, identity_verified: true });
});

test('soft navigation, back/forward and query changes each record one page_view', async ({ page, context }) => {
  const wire = recordWire(context);
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

  await expect.poll(() => wire.named('page_view').length, { timeout: 10_000 }).toBe(7);
  await page.waitForTimeout(1500); // and no late doubles
  const views = wire.named('page_view');
  expect(views.map((e) => e.page_url.replace(/^https?:\/\/[^/]+/, ''))).toEqual([
    '/', '/collections/earrings', '/search?q=gold', '/search?q=pearl', '/search?q=gold', '/collections/earrings', '/search?q=gold',
  ]);
  expect(views.map((e) => e.page_title)).toEqual(titles);
  for (let i = 1; i < views.length; i++) expect(views[i].referrer).toBe(views[i - 1].page_url);
  // Each search page shown records its search with what it showed.
  expect(wire.named('search').map((e) => e.search_term)).toEqual(['gold', 'pearl', 'gold', 'gold']);
  wire.expectContractTrue();
});

test('an add to cart right before the page is closed still arrives', async ({ page, context }) => {
  const wire = recordWire(context);
  await page.goto(`/products/${RING.slug}`);
  await expect.poll(() => wire.named('product_view').length).toBe(1);
  const clientId = await clientIdOf(page);
  await page.getByRole('button', { name: 'Add to cart' }).click();
  await page.close({ runBeforeUnload: true });
  await expect
    .poll(() => storedFor(clientId).filter((e) => e.event_name === 'add_to_cart').length, { timeout: 10_000 })
    .toBe(1);
  expect(storedFor(clientId).find((e) => e.event_name === 'add_to_cart')).toMatchObject({ context_product_id: RING.id, quantity: 1 });
});

test('events recorded offline are sent once the browser is back online', async ({ page, context }) => {
  const wire = recordWire(context);
  await page.goto(`/products/${RING.slug}`);
  await expect.poll(() => wire.named('product_view').length).toBe(1);
  const clientId = await clientIdOf(page);
  await context.setOffline(true);
  await addShown(page, 3);
  await addShown(page, 1);
  await page.waitForTimeout(2500);
  expect(storedFor(clientId).map((e) => e.event_name)).not.toContain('add_to_cart');
  await expect.poll(() => outboxLength(page)).toBe(2);

  await context.setOffline(false);
  await expect.poll(() => storedFor(clientId).map((e) => e.event_name).sort(), { timeout: 15_000 }).toEqual(
    ['add_to_cart', 'add_to_cart', 'page_view', 'product_view'],
  );
  const adds = storedFor(clientId).filter((e) => e.event_name === 'add_to_cart');
  expect(adds.map((e) => e.quantity).sort()).toEqual([1, 3]);
  expect(adds.every((e) => e.context_product_id === RING.id)).toBe(true);
  await expect.poll(() => outboxLength(page)).toBe(0);
});

test('an endpoint answering 503 three times is retried with the same events, each stored once', async ({ page, context }) => {
  const wire = recordWire(context);
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
  const clientId = await clientIdOf(page);
  await expect.poll(() => storedFor(clientId).length, { timeout: 30_000 }).toBe(3);
  expect(answers.slice(0, 3)).toEqual([503, 503, 503]);
  const first = wire.requests[0].events;
  // The add to cart may or may not have joined the first batch, depending on when it went out.
  expect(first.map((e) => e.event_name).slice(0, 2)).toEqual(['page_view', 'product_view']);
  // Each retry resent the first batch as it was (event_id for event_id), with what came since.
  for (const request of wire.requests.slice(1, 4)) expect(request.events.slice(0, first.length)).toEqual(first);
  const stored = storedFor(clientId);
  expect(stored.map((e) => e.event_name).sort()).toEqual(['add_to_cart', 'page_view', 'product_view']);
  expect(new Set(stored.map((e) => e.event_id)).size).toBe(3);
  expect(new Set(wire.events().map((e) => e.event_id))).toEqual(new Set(stored.map((e) => e.event_id)));
  await expect.poll(() => outboxLength(page)).toBe(0);
});

test('with Global Privacy Control on, the tracker sends nothing at all', async ({ page, context }) => {
  await context.addInitScript(() => Object.defineProperty(Navigator.prototype, 'globalPrivacyControl', { get: () => true }));
  const wire = recordWire(context);
  await page.goto('/');
  await page.getByRole('banner').getByRole('link', { name: 'Rings', exact: true }).click();
  await page.getByRole('link', { name: RING.name }).first().click();
  await addShown(page, 1);
  await cartLink(page).click();
  await page.getByRole('contentinfo').getByText('Privacy choices').click();
  await expect(page.getByRole('contentinfo')).toContainText('Global Privacy Control');
  await page.waitForTimeout(2500);
  expect(wire.requests).toEqual([]);
  expect(await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('lumen.cs')))).toEqual([]);
});

test('Privacy choices: opting out stops tracking and empties the outbox, across reloads, until opting back in', async ({ page, context }) => {
  const wire = recordWire(context);
  await page.goto('/');
  await expect.poll(() => wire.named('page_view').length).toBe(1);
  const footer = page.getByRole('contentinfo');
  await footer.getByText('Privacy choices').click();
  await footer.getByRole('button', { name: 'Opt out of tracking' }).click();
  await expect(footer.getByRole('status')).toHaveText(/You opted out/);
  expect(await outboxLength(page)).toBe(0);

  await page.reload();
  await page.getByRole('banner').getByRole('link', { name: 'Rings', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Rings');
  await page.waitForTimeout(2000);
  expect(wire.requests).toHaveLength(1);
  await footer.getByText('Privacy choices').click();
  await expect(footer.getByRole('status')).toHaveText(/You opted out/);

  await footer.getByRole('button', { name: 'Allow tracking' }).click();
  await page.getByRole('banner').getByRole('link', { name: 'Earrings', exact: true }).click();
  await expect.poll(() => wire.named('page_view').map((e) => e.page_path)).toEqual(['/', '/collections/earrings']);
});

test('two tabs sharing one outbox through an outage: every event is stored once, none is sent twice', async ({ context }) => {
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
  const clientId = await clientIdOf(one);
  expect(await clientIdOf(two)).toBe(clientId);

  failing = false;
  await expect.poll(() => storedFor(clientId).length, { timeout: 30_000 }).toBe(7);
  await expect.poll(() => outboxLength(two)).toBe(0);
  await one.waitForTimeout(2000);
  expect(delivered).toHaveLength(7);
  expect(new Set(delivered).size).toBe(7);
  expect(storedFor(clientId).map((e) => e.event_name).sort()).toEqual([
    'add_to_cart', 'add_to_cart', 'page_view', 'page_view', 'page_view', 'product_view', 'product_view',
  ]);
});
