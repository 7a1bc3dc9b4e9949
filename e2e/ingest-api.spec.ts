// The ingestion API over real HTTP against the production build: storage layout and enrichment,
// CORS, body limits and the rate limit. Events are posted by hand, not by the tracker, through the
// tracking kit (clickstream.send), which reads back what was stored and what was rejected.
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import type { APIRequestContext } from '@playwright/test';
import { eventKey } from '../lib/ingest/layout';
import { IPHONE_UA } from '../lib/ingest/test-fixtures';
import { DEMO_POOL, DEMO_SHOPPER } from '../scripts/cognito-seed.mjs';
import { expect, sampleEvent, test, type Clickstream } from './clickstream';
import { E2E } from './support/env';

const ENDPOINT = '/api/clickstream';

const event = sampleEvent;

/** A client address of its own per request, so the rate limit it hits is its own (see docs/ingestion.md). */
let lastHost = Math.floor(Math.random() * 200);
const fakeIp = () => `198.51.100.${(lastHost++ % 254) + 1}`;
// The flood's address comes from another range, so no later request (nor a retried test) shares its spent window.
const floodIp = () => `203.0.113.${Math.floor(Math.random() * 254) + 1}`;

/** A JSON body from a client address of its own, recorded by the tracking kit like a browser's. */
const postJson = (clickstream: Clickstream, body: unknown) => clickstream.send(body, { headers: { 'x-forwarded-for': fakeIp() } });

const storedFile = (eventId: string, receivedAt: Date) => path.join(E2E.dataDir, eventKey(eventId, receivedAt));

async function demoIdToken(request: APIRequestContext): Promise<string> {
  const response = await request.post(E2E.cognitoEndpoint, {
    headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'AWSCognitoIdentityProviderService.InitiateAuth' },
    data: JSON.stringify({ AuthFlow: 'USER_PASSWORD_AUTH', ClientId: DEMO_POOL.clientId, AuthParameters: { USERNAME: DEMO_SHOPPER.email, PASSWORD: DEMO_SHOPPER.password } }),
  });
  expect(response.status()).toBe(200);
  return (await response.json()).AuthenticationResult.IdToken;
}

test('a good batch is stored at events/YYYY/MM/DD/event-<id>.json with every server-added field', async ({ request, clickstream }) => {
  const anonymous = event();
  const shopper = event({ user_id: DEMO_SHOPPER.sub, user_login_state: 'logged_in', identity_source: 'cognito' });
  const impostor = event({ user_id: randomUUID(), user_login_state: 'logged_in', identity_source: 'cognito' });
  const token = await demoIdToken(request);
  const before = new Date();
  const unknown = { ...event(), event_name: 'wishlist_add' };
  const response = await clickstream.send({ events: [anonymous, shopper, impostor, unknown] }, {
    headers: {
      'content-type': 'text/plain;charset=UTF-8',
      authorization: `Bearer ${token}`,
      'user-agent': IPHONE_UA,
      'cloudfront-viewer-country': 'FR',
      'x-forwarded-for': '203.0.113.77',
    },
  });
  expect(response.status()).toBe(202);
  expect((await response.json()).accepted).toEqual([anonymous.event_id, shopper.event_id, impostor.event_id]);
  expect(clickstream.rejected()).toEqual([
    { status: 202, index: 3, event_id: unknown.event_id, event_name: 'wishlist_add', errors: [{ field: 'event_name', message: expect.stringContaining('Invalid option') }], error: null },
  ]);

  // The layout at rest, read by its path; the kit reads the same file (checked against the stored contract).
  const stored = JSON.parse(fs.readFileSync(storedFile(anonymous.event_id, before), 'utf8'));
  expect(clickstream.stored({ event_id: anonymous.event_id })).toEqual([stored]);
  expect(stored).toEqual({
    ...anonymous,
    context_product_id: null,
    context_product_name: null,
    context_product_category: null,
    context_product_brand: null,
    context_product_price: null,
    context_product_discount_price: null,
    context_product_url_path: null,
    currency: null,
    quantity: null,
    cart: null,
    order_id: null,
    search_term: null,
    result_count: null,
    event_timestamp: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
    request_id: expect.stringMatching(/^[0-9a-f-]{36}$/),
    source_ip: '203.0.113.0',
    user_agent: IPHONE_UA,
    browser: 'Mobile Safari',
    os: 'iOS',
    device_type: 'mobile',
    // Sent by the client, not by a CloudFront front the server was told to trust (CLICKSTREAM_TRUSTED_FRONT).
    country: null,
    identity_verified: false,
    schema_version: 1,
  });
  expect(Date.parse(stored.event_timestamp)).toBeGreaterThanOrEqual(before.getTime());
  expect(clickstream.stored({ event_id: shopper.event_id, identity_verified: true, request_id: stored.request_id })).toHaveLength(1);
  expect(clickstream.stored({ event_id: impostor.event_id, identity_verified: false })).toHaveLength(1);
});

test('CORS preflight answers the same origin and allowed origins, and nothing for others', async ({ request }) => {
  for (const origin of [E2E.baseURL, E2E.serverEnv.CLICKSTREAM_ALLOWED_ORIGINS]) {
    const response = await request.fetch(ENDPOINT, {
      method: 'OPTIONS',
      headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type,authorization' },
    });
    expect(response.status()).toBe(204);
    expect(response.headers()['access-control-allow-origin']).toBe(origin);
    expect(response.headers()['access-control-allow-methods']).toContain('POST');
    expect(response.headers()['access-control-allow-headers']).toContain('authorization');
  }
  const foreign = await request.fetch(ENDPOINT, { method: 'OPTIONS', headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' } });
  expect(foreign.headers()['access-control-allow-origin']).toBeUndefined();
  const post = await request.post(ENDPOINT, { headers: { origin: 'https://evil.example', 'content-type': 'application/json', 'x-forwarded-for': fakeIp() }, data: JSON.stringify(event()) });
  expect(post.status()).toBe(403);
  expect(post.headers()['access-control-allow-origin']).toBeUndefined();
});

test('an oversized body is refused with 413 and nothing from it is stored', async ({ clickstream }) => {
  const big = event({ page_title: 'x'.repeat(600 * 1024) });
  const response = await postJson(clickstream, { events: [big] });
  expect(response.status()).toBe(413);
  expect(clickstream.rejected()).toEqual([{ status: 413, index: null, event_id: null, event_name: null, errors: [], error: expect.stringMatching(/over the 524288-byte limit/) }]);
  expect(clickstream.stored()).toEqual([]);
});

test('one client over the rate limit gets 429 with Retry-After, others are unaffected', async ({ request }) => {
  const limit = Number(E2E.serverEnv.CLICKSTREAM_RATE_LIMIT_PER_MINUTE);
  const ip = floodIp();
  // A 415 costs the server nothing to store, so the flood leaves no files behind.
  const post = () => request.post(ENDPOINT, { headers: { 'content-type': 'application/xml', 'x-forwarded-for': ip }, data: '<e/>' });
  let limited = null;
  // Up to two windows' worth, in case a minute boundary falls inside the loop.
  for (let sent = 0; sent < 2 * limit + 2 && !limited; sent += 20) {
    const responses = await Promise.all(Array.from({ length: 20 }, post));
    limited = responses.find((response) => response.status() === 429) ?? null;
  }
  expect(limited).not.toBeNull();
  const retryAfter = Number(limited!.headers()['retry-after']);
  expect(retryAfter).toBeGreaterThanOrEqual(1);
  expect(retryAfter).toBeLessThanOrEqual(60);
  expect((await limited!.json()).error).toMatch(/too many requests/);

  const other = await request.post(ENDPOINT, { headers: { 'content-type': 'application/json' }, data: JSON.stringify(event()) });
  expect(other.status()).toBe(202);
});

test('an event nested 5,000 arrays deep is rejected with its reason, never a 5xx, and its good neighbour is stored', async ({ clickstream }) => {
  const good = event();
  const deep = `${'['.repeat(5000)}${']'.repeat(5000)}`;
  const response = await postJson(clickstream, `{"events":[${JSON.stringify(good)},${deep}]}`);
  expect(response.status()).toBe(202);
  expect(await response.json()).toEqual({ accepted: [good.event_id], rejected: [{ index: 1, event_id: null, errors: [{ field: '(event)', message: 'nests arrays or objects deeper than 16 levels' }] }] });
  expect(clickstream.rejected()).toEqual([{ status: 202, index: 1, event_id: null, event_name: null, errors: [{ field: '(event)', message: 'nests arrays or objects deeper than 16 levels' }], error: null }]);
  await clickstream.expectEvent({ event_id: good.event_id, page_path: good.page_path });
});

test('every other method gets the documented 405: JSON error and Allow: POST, OPTIONS', async ({ request }) => {
  for (const method of ['GET', 'HEAD', 'PUT', 'DELETE', 'PATCH']) {
    const response = await request.fetch(ENDPOINT, { method, headers: { 'x-forwarded-for': fakeIp() } });
    expect(response.status(), method).toBe(405);
    expect(response.headers().allow, method).toBe('POST, OPTIONS');
    expect(response.headers()['content-type'], method).toMatch(/^application\/json/);
    if (method !== 'HEAD') expect(await response.json()).toEqual({ error: 'only POST and OPTIONS are supported' });
  }
});

test('an event_id sent in upper case, then lower case, is one stored event under its lower-case name', async ({ clickstream }) => {
  const id = randomUUID();
  const receivedAt = new Date();
  const shouted = event({ event_id: id.toUpperCase() });
  for (const sent of [shouted, { ...shouted, event_id: id }]) {
    const response = await postJson(clickstream, sent);
    expect(response.status()).toBe(202);
    expect((await response.json()).accepted).toEqual([id]);
  }
  const dayFolder = path.dirname(storedFile(id, receivedAt));
  expect(fs.readdirSync(dayFolder).filter((name) => name.toLowerCase().includes(id))).toEqual([`event-${id}.json`]);
  expect(clickstream.stored().map((e) => e.event_id)).toEqual([id]);
});

test('a second copy of a stored event_id is accepted as a duplicate and cannot rewrite the stored event', async ({ clickstream }) => {
  const original = event();
  for (const sent of [original, { ...original, page_title: 'Rewritten by someone who knows the id' }]) {
    const response = await postJson(clickstream, sent);
    expect(response.status()).toBe(202);
    expect(await response.json()).toEqual({ accepted: [original.event_id], rejected: [] });
  }
  expect(clickstream.stored()).toEqual([expect.objectContaining({ event_id: original.event_id, page_title: original.page_title })]);
});

test('a client trickling its body gets 408 once the 10 s body deadline passes, and its connection is closed', async () => {
  test.setTimeout(40_000);
  const started = Date.now();
  const { answer, closedAfterMs } = await new Promise<{ answer: string; closedAfterMs: number }>((resolve, reject) => {
    const socket = net.connect(E2E.port, '127.0.0.1');
    let answer = '';
    // One byte every 2 s of a declared 1,000: the body would take over half an hour.
    const trickle = setInterval(() => socket.write(' '), 2000);
    socket.on('connect', () => socket.write(`POST ${ENDPOINT} HTTP/1.1\r\nhost: 127.0.0.1\r\ncontent-type: application/json\r\nx-forwarded-for: ${fakeIp()}\r\ncontent-length: 1000\r\n\r\n`));
    socket.on('data', (chunk) => (answer += chunk));
    socket.on('error', () => {});
    const giveUp = setTimeout(() => reject(new Error(`connection still open after 30 s; received: ${answer}`)), 30_000);
    socket.on('close', () => {
      clearInterval(trickle);
      clearTimeout(giveUp);
      resolve({ answer, closedAfterMs: Date.now() - started });
    });
  });
  expect(answer).toMatch(/^HTTP\/1\.1 408 /);
  expect(answer).toContain('{"error":"request body not received within 10 s"}');
  expect(closedAfterMs).toBeGreaterThanOrEqual(10_000);
  expect(closedAfterMs).toBeLessThan(20_000);
});
