// The tracking test kit's own tests: each assertion passes on the events a flow sends, and fails
// for the right reason, with a message that names the field, the step or the client.
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { eventKey } from '../lib/ingest/layout';
import { clientIdOf, expect, sampleEvent, test } from './clickstream';
import { E2E } from './support/env';
import { addShown, NECKLACE, RING } from './support/tracking-journey';

/** The message an assertion fails with; if it passes instead, this fails the test. */
const failure = (check: Promise<unknown> | (() => unknown)) =>
  Promise.resolve()
    .then(typeof check === 'function' ? check : () => check)
    .then(
      () => {
        throw new Error('the assertion passed, but it should have failed');
      },
      (error: Error) => error.message,
    );

test('expectEvent finds an add to cart on the wire and at rest, and a wrong field is named with both values', async ({ page, clickstream }) => {
  await page.goto(`/products/${RING.slug}`);
  // The product page's own event: the page is live, so the quantity chosen next is kept.
  await clickstream.expectEvent({ event_name: 'product_view', context_product_id: RING.id });
  await addShown(page, 2);
  const stored = await clickstream.expectEvent({ event_name: 'add_to_cart', context_product_id: RING.id, quantity: 2 });
  expect(stored).toMatchObject({ identity_verified: false, user_id: null, client_id: await clientIdOf(page) });

  const wrong = await failure(clickstream.expectEvent({ event_name: 'add_to_cart', quantity: 3 }, { timeout: 1_000 }));
  expect(wrong).toContain('no event matching { event_name: "add_to_cart", quantity: 3 } within 1000 ms');
  expect(wrong).toMatch(new RegExp(`#3 add_to_cart on /products/${RING.slug} \\(event_id [0-9a-f-]{36}\\): quantity: got 2, expected 3`));
  // A server field is compared at rest only: the stored copy is the one that differs.
  const atRest = await failure(clickstream.expectEvent({ event_name: 'add_to_cart', identity_verified: true }, { timeout: 1_000 }));
  expect(atRest).toContain('identity_verified: got false, expected true (its stored copy)');
});

test('a missing event fails expectEvent listing what did arrive; expectNoEvent fails once one goes out', async ({ page, clickstream }) => {
  await page.goto('/');
  await clickstream.expectEvent({ event_name: 'page_view', page_path: '/' });
  const missing = await failure(clickstream.expectEvent({ event_name: 'checkout_start' }, { timeout: 1_000 }));
  expect(missing).toContain('On the wire from this test (1 events');
  expect(missing).toContain('#1 page_view on / (event_id');
  expect(missing).toContain('event_name: got "page_view", expected "checkout_start"');

  await clickstream.expectNoEvent({ event_name: 'add_to_cart' }, { within: 500 });
  const sent = await failure(clickstream.expectNoEvent({ event_name: 'page_view' }, { within: 500 }));
  expect(sent).toContain('1 event(s) matching { event_name: "page_view" } went out');
});

test('a second add to cart is a duplicate for expectExactlyOnce; a retried batch is not', async ({ page, context, clickstream }) => {
  let answered = 0;
  // The first batch is refused with a 503: the tracker sends the same events again.
  await context.route('**/api/clickstream', (route) =>
    answered++ === 0 ? route.fulfill({ status: 503, contentType: 'application/json', body: '{"error":"store unavailable"}' }) : route.continue(),
  );
  await page.goto(`/products/${RING.slug}`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(RING.name);
  await addShown(page, 1);
  await addShown(page, 1);
  const view = await clickstream.expectExactlyOnce({ event_name: 'product_view', context_product_id: RING.id });
  const sends = clickstream.requests().flatMap((r) => r.events).filter((e) => (e as { event_id: string }).event_id === view.event_id);
  expect(sends.length).toBeGreaterThanOrEqual(2);

  const twice = await failure(clickstream.expectExactlyOnce({ event_name: 'add_to_cart' }, { settle: 500 }));
  expect(twice).toContain('2 events matching { event_name: "add_to_cart" } went out, each with its own event_id (a duplicate, not a retry); 2 stored.');
});

test('expectSequence follows the order and names the step that came out of order', async ({ page, clickstream }) => {
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await page.getByRole('banner').getByRole('link', { name: 'Rings', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Rings');
  await page.getByRole('link', { name: RING.name }).first().click();
  await clickstream.expectSequence([
    { event_name: 'page_view', page_path: '/' },
    { event_name: 'page_view', page_path: '/collections/rings' },
    { event_name: 'product_view', context_product_id: RING.id },
  ]);
  const order = await failure(clickstream.expectSequence([{ event_name: 'product_view' }, { event_name: 'page_view', page_path: '/collections/rings' }], { timeout: 1_000 }));
  expect(order).toContain('step 2 of 2, { event_name: "page_view", page_path: "/collections/rings" }, not found after step 1');
  expect(order).toContain('It went out earlier, out of order: #2 page_view on /collections/rings');
});

test('an event the API rejected fails expectEvent with the API reasons, and rejected() lists them', async ({ clickstream }) => {
  const good = sampleEvent();
  const bad = sampleEvent({ client_id: good.client_id, event_name: 'wishlist_add' });
  expect((await clickstream.send({ events: [good, bad] })).status()).toBe(202);
  expect(await clickstream.expectEvent({ event_id: good.event_id })).toMatchObject({ page_path: good.page_path, schema_version: 1 });
  expect(clickstream.rejected()).toEqual([
    { status: 202, index: 1, event_id: bad.event_id, event_name: 'wishlist_add', errors: [{ field: 'event_name', message: expect.stringContaining('Invalid option') }], error: null },
  ]);
  const refused = await failure(clickstream.expectEvent({ event_id: bad.event_id }));
  expect(refused).toContain(`the API rejected an event matching { event_id: "${bad.event_id}" }`);
  expect(refused).toMatch(/wishlist_add on \/collections\/rings \(event_id [0-9a-f-]+\): 202, event_name: Invalid option/);
});

test("another browser context's events are not this test's, and the failure says where they went", async ({ browser, page, clickstream }) => {
  const other = await browser.newContext();
  const stranger = await other.newPage();
  const answered = stranger.waitForResponse((r) => r.url().endsWith('/api/clickstream') && (r.request().postData() ?? '').includes('product_view'));
  await stranger.goto(`/products/${NECKLACE.slug}`);
  expect((await answered).status()).toBe(202);
  const strangerId = await clientIdOf(stranger);
  await other.close();

  await page.goto('/');
  await clickstream.expectEvent({ event_name: 'page_view' });
  expect(clickstream.clientIds()).toEqual([await clientIdOf(page)]);
  const elsewhere = await failure(clickstream.expectEvent({ event_name: 'product_view', context_product_id: NECKLACE.id }, { timeout: 1_000 }));
  expect(elsewhere).toContain('1 matching event(s) were stored since this test began for other clients (another test or browser context, not counted): client_id ');
  expect(elsewhere).toContain(strangerId);
});

test('an event that breaks the contract fails the test naming the field, on the wire and at rest', async ({ page, clickstream }) => {
  await page.goto('/');
  const view = await clickstream.expectEvent({ event_name: 'page_view' });
  // Never answered (aborted), so no API says why: the kit's own contract check does.
  await page.route('**/api/clickstream', (route) => route.abort());
  const broken = { ...clickstream.events({ event_id: view.event_id })[0], event_id: randomUUID(), event_name: 'add_to_cart' };
  await page.evaluate((body) => fetch('/api/clickstream', { method: 'POST', body }).catch(() => null), JSON.stringify({ events: [broken] }));
  await expect.poll(() => clickstream.requests().at(-1)?.response?.status).toBe(0);
  expect(await failure(() => clickstream.events())).toMatch(/add_to_cart on \/ \(event_id [0-9a-f-]+\) breaks the event contract on the wire: .*quantity: is required for add_to_cart/);

  // At rest: a stored file of this test's client that the API could never have written.
  const file = path.join(E2E.dataDir, eventKey(randomUUID(), new Date()));
  fs.writeFileSync(file, JSON.stringify({ ...view, event_id: path.basename(file).slice(6, -5), schema_version: 2 }));
  try {
    expect(await failure(() => clickstream.stored())).toMatch(/breaks the event contract at rest: schema_version: Invalid input: expected 1/);
  } finally {
    fs.rmSync(file);
  }
});

test('a production build refuses event inspection: /api/clickstream/inspect is a 404 to every method', async ({ clickstream, request }) => {
  expect((await clickstream.send(sampleEvent())).status()).toBe(202);
  for (const method of ['GET', 'DELETE', 'POST']) {
    const response = await request.fetch('/api/clickstream/inspect', { method });
    expect(response.status(), method).toBe(404);
    expect(await response.text(), method).not.toContain('event_id');
  }
});
