import { describe, expect, it } from 'vitest';
import { storedEventSchema } from '@/lib/contract/events';
import { createIngestHandler, type IngestDeps } from './core';
import { DEFAULT_LIMITS } from './limits';
import { silentLogger } from './log';
import { CHROME_UA, IPHONE_UA, MemorySink, addToCart, ingestRequest, pageView, signedIn } from './test-fixtures';
import type { TokenVerifier } from './verifier';

const SUB = '5f1c8a3e-2b7d-4e9a-9c61-0d4b7e2a9f10';
// Stands in for Cognito: only the token "good" verifies, as SUB.
const verifier: TokenVerifier = { verify: async (token) => (token === 'good' ? SUB : null) };

function setup(overrides: Partial<IngestDeps> = {}) {
  const sink = new MemorySink();
  const handle = createIngestHandler({ sink, verifier, allowedOrigins: ['https://shop.example'], limits: DEFAULT_LIMITS, log: silentLogger, ...overrides });
  return { sink, handle };
}

const batch = (...events: unknown[]) => JSON.stringify({ events });

describe('ingestion core', () => {
  it('stores a good batch with every server-added field, one file per event', async () => {
    const { sink, handle } = setup({ trustedFront: 'cloudfront' });
    const events = [pageView(), addToCart()];
    const response = await handle(ingestRequest(batch(...events), { headers: { 'cloudfront-viewer-country': 'de' }, ip: '198.51.100.23' }));
    expect(response.status).toBe(202);
    expect(JSON.parse(response.body)).toEqual({ accepted: events.map((e) => e.event_id), rejected: [] });
    expect(sink.keys('events/')).toEqual(events.map((e) => `events/2026/03/04/event-${e.event_id}.json`).sort());
    const stored = sink.json(`events/2026/03/04/event-${events[1].event_id}.json`);
    expect(storedEventSchema.parse(stored)).toBeTruthy();
    expect(stored).toMatchObject({
      ...events[1],
      event_timestamp: '2026-03-04T05:06:07.890Z',
      request_id: 'req-1',
      source_ip: '198.51.100.0',
      user_agent: CHROME_UA,
      browser: 'Chrome',
      os: 'Windows',
      device_type: 'desktop',
      country: 'DE',
      identity_verified: false,
      schema_version: 1,
      cart: null,
      order_id: null,
    });
  });

  it('stores country null, whatever CloudFront-Viewer-Country says, unless CloudFront is the configured front', async () => {
    const { sink, handle } = setup();
    const event = pageView();
    await handle(ingestRequest(batch(event), { headers: { 'cloudfront-viewer-country': 'KP' } }));
    expect(sink.json(`events/2026/03/04/event-${event.event_id}.json`).country).toBeNull();
  });

  it('accepts a single event without an envelope, sent as a text/plain beacon', async () => {
    const { sink, handle } = setup();
    const event = pageView();
    const response = await handle(ingestRequest(JSON.stringify(event), { headers: { 'content-type': 'text/plain;charset=UTF-8', 'user-agent': IPHONE_UA } }));
    expect(response.status).toBe(202);
    const stored = sink.json(`events/2026/03/04/event-${event.event_id}.json`);
    expect(stored).toMatchObject({ browser: 'Mobile Safari', os: 'iOS', device_type: 'mobile', country: null });
  });

  it('stores a repeated event_id once, in one batch and across retries, and accepts each repeat', async () => {
    const { sink, handle } = setup();
    const event = pageView();
    const first = await handle(ingestRequest(batch(event, event)));
    expect(JSON.parse(first.body).accepted).toEqual([event.event_id, event.event_id]);
    const rewrite = await handle(ingestRequest(batch({ ...event, page_title: 'Rewritten' }), { now: new Date('2026-03-04T09:00:00.000Z') }));
    expect(rewrite.status).toBe(202);
    expect(JSON.parse(rewrite.body).accepted).toEqual([event.event_id]);
    expect(sink.keys('events/')).toEqual([`events/2026/03/04/event-${event.event_id}.json`]);
    // The first stored copy wins: a repeat cannot rewrite it.
    expect(sink.json(`events/2026/03/04/event-${event.event_id}.json`)).toMatchObject({ page_title: event.page_title, event_timestamp: '2026-03-04T05:06:07.890Z' });
  });

  it('keeps UUIDs in lower case, so the upper- and lower-case forms of one event_id are one stored event', async () => {
    const { sink, handle } = setup();
    const id = '232c9482-d709-4b6b-a6c5-2de516416d66';
    const clientId = '0b7e3a52-8f7c-4e0e-9d4a-3f1f2b6c9e01';
    const shouted = pageView({ event_id: id.toUpperCase(), client_id: clientId.toUpperCase() });
    const first = await handle(ingestRequest(batch(shouted)));
    const again = await handle(ingestRequest(batch({ ...shouted, event_id: id })));
    expect([JSON.parse(first.body).accepted, JSON.parse(again.body).accepted]).toEqual([[id], [id]]);
    expect(sink.keys('events/')).toEqual([`events/2026/03/04/event-${id}.json`]);
    const stored = sink.json(`events/2026/03/04/event-${id}.json`);
    expect(stored).toMatchObject({ event_id: id, client_id: clientId });
    // At rest only the canonical form is valid.
    expect(storedEventSchema.safeParse(stored).success).toBe(true);
    expect(storedEventSchema.safeParse({ ...stored, event_id: id.toUpperCase() }).error?.issues[0]).toMatchObject({ path: ['event_id'], message: 'must be a lower-case UUID' });
  });

  it('keeps rejected events with reasons and request metadata, and answers 400 when all are bad', async () => {
    const { sink, handle } = setup();
    const response = await handle(ingestRequest(batch(pageView({ event_name: 'purchase' })), { headers: { origin: 'https://shop.example' } }));
    expect(response.status).toBe(400);
    expect(JSON.parse(response.body)).toMatchObject({ error: 'every event was rejected', accepted: [] });
    const [key] = sink.keys('rejected/2026/03/04/');
    expect(key).toMatch(/^rejected\/2026\/03\/04\/rejected-\d+-req-1\.json$/);
    expect(sink.json(key)).toMatchObject({
      request_id: 'req-1',
      status: 400,
      source_ip: '203.0.113.0',
      user_agent: CHROME_UA,
      origin: 'https://shop.example',
      rejected: [{ index: 0, errors: [{ field: 'event_name' }], raw: expect.stringContaining('"purchase"') }],
    });
  });

  it('keeps rejected records within their size limit and daily budget', async () => {
    const limits = { ...DEFAULT_LIMITS, maxRejectedRecordBytes: 4096, maxRejectedBytesPerDay: 10_000 };
    const { sink, handle } = setup({ limits });
    const bad = Array.from({ length: 20 }, () => pageView({ event_name: 'nope', page_title: 'y'.repeat(500) }));
    for (let i = 0; i < 5; i += 1) await handle(ingestRequest(batch(...bad)));
    const keys = sink.keys('rejected/');
    expect(keys.length).toBeGreaterThan(0);
    expect(keys.length).toBeLessThan(5);
    for (const key of keys) expect(Buffer.byteLength(sink.objects.get(key)!)).toBeLessThanOrEqual(4096);
  });

  it('stops reading a streamed body as soon as it passes the limit', async () => {
    const { handle } = setup();
    let pulled = 0;
    async function* endless() {
      const chunk = new Uint8Array(64 * 1024).fill(0x20);
      for (;;) {
        pulled += chunk.byteLength;
        yield chunk;
      }
    }
    const response = await handle(ingestRequest(endless()));
    expect(response.status).toBe(413);
    expect(pulled).toBeLessThanOrEqual(DEFAULT_LIMITS.maxBodyBytes + 64 * 1024);
  });

  it('accepts a batch of 100 events near the body limit', async () => {
    const { sink, handle } = setup();
    const events = Array.from({ length: 100 }, () => pageView({ page_title: 't'.repeat(400), referrer: `https://lumen.example/${'r'.repeat(2000)}` }));
    const body = batch(...events);
    expect(body.length).toBeGreaterThan(256 * 1024);
    const response = await handle(ingestRequest(body));
    expect(response.status).toBe(202);
    expect(sink.keys('events/')).toHaveLength(100);
  });

  it('sets identity_verified only for a valid token of the same sub', async () => {
    const { sink, handle } = setup();
    const mine = signedIn(SUB);
    const other = signedIn('00000000-0000-4000-8000-000000000000');
    const anonymous = pageView();
    await handle(ingestRequest(batch(mine, other, anonymous), { headers: { authorization: 'Bearer good' } }));
    const verified = (event: Record<string, unknown>) => sink.json(`events/2026/03/04/event-${event.event_id}.json`).identity_verified;
    expect([verified(mine), verified(other), verified(anonymous)]).toEqual([true, false, false]);

    const forged = signedIn(SUB);
    await handle(ingestRequest(batch(forged), { headers: { authorization: 'Bearer forged' } }));
    expect(verified(forged)).toBe(false);

    // A beacon cannot set headers: the token rides in the envelope.
    const beacon = signedIn(SUB);
    await handle(ingestRequest(JSON.stringify({ events: [beacon], auth_token: 'good' }), { headers: { 'content-type': 'text/plain' } }));
    expect(verified(beacon)).toBe(true);
  });

  it('answers 503 with Retry-After and acknowledges nothing when the store fails, without internals', async () => {
    const { sink, handle } = setup();
    sink.fail = new Error("EACCES: permission denied, open '/srv/data/events/x.json'");
    const response = await handle(ingestRequest(batch(pageView())));
    expect(response.status).toBe(503);
    expect(response.headers['retry-after']).toBe('1');
    const body = JSON.parse(response.body);
    expect(body).toEqual({ error: 'events could not be stored; retry later with the same event_id values' });
    expect(response.body).not.toMatch(/EACCES|\/srv|at .*\.ts/);
  });

  it('answers 408 when the body does not arrive within the deadline, and keeps a rejected record', async () => {
    const { sink, handle } = setup({ limits: { ...DEFAULT_LIMITS, bodyTimeoutMs: 200 } });
    async function* trickle(): AsyncGenerator<Uint8Array> {
      yield new TextEncoder().encode('{"events":[');
      await new Promise(() => {}); // the rest never comes
    }
    const started = Date.now();
    const response = await handle(ingestRequest(trickle()));
    expect(response.status).toBe(408);
    expect(response.headers.connection).toBe('close');
    expect(JSON.parse(response.body)).toEqual({ error: 'request body not received within 0.2 s' });
    expect(Date.now() - started).toBeLessThan(2000);
    expect(sink.keys('rejected/')).toHaveLength(1);
  });

  it('answers 500 without a stack trace when the body stream breaks', async () => {
    const { handle } = setup();
    async function* broken(): AsyncGenerator<Uint8Array> {
      yield new TextEncoder().encode('{"events":');
      throw new Error('socket hang up at /app/node_modules/x.js:1:1');
    }
    const response = await handle(ingestRequest(broken()));
    expect(response.status).toBe(500);
    expect(response.body).not.toMatch(/node_modules|socket/);
  });

  it('logs one structured line per request', async () => {
    const lines: unknown[] = [];
    const { handle } = setup({ log: (level, message, fields) => lines.push({ level, message, ...fields }) });
    await handle(ingestRequest(batch(pageView(), { bad: true })));
    expect(lines).toEqual([expect.objectContaining({ level: 'info', message: 'clickstream request', request_id: 'req-1', status: 202, accepted: 1, rejected: 1 })]);
  });
});

describe('CORS', () => {
  const preflight = (origin: string) => ingestRequest(null, { method: 'OPTIONS', headers: { origin, 'access-control-request-method': 'POST' } });

  it('answers preflight for an allowed origin and for the same origin', async () => {
    const { handle } = setup();
    for (const origin of ['https://shop.example', 'https://lumen.example']) {
      const response = await handle(preflight(origin));
      expect(response.status).toBe(204);
      expect(response.headers['access-control-allow-origin']).toBe(origin);
      expect(response.headers['access-control-allow-methods']).toContain('POST');
      expect(response.headers['access-control-allow-headers']).toContain('authorization');
    }
  });

  it('gives an unknown origin no CORS headers and refuses its posts', async () => {
    const { sink, handle } = setup();
    const response = await handle(preflight('https://evil.example'));
    expect(response.headers['access-control-allow-origin']).toBeUndefined();
    const post = await handle(ingestRequest(batch(pageView()), { headers: { origin: 'https://evil.example' } }));
    expect(post.status).toBe(403);
    expect(post.headers['access-control-allow-origin']).toBeUndefined();
    expect(sink.keys('events/')).toEqual([]);
  });

  it('refuses other methods with 405', async () => {
    const { handle } = setup();
    const response = await handle(ingestRequest(null, { method: 'GET' }));
    expect(response.status).toBe(405);
    expect(response.headers.allow).toBe('POST, OPTIONS');
  });
});
