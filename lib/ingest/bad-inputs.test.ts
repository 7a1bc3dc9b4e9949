import { describe, expect, it } from 'vitest';
import { createIngestHandler } from './core';
import { DEFAULT_LIMITS } from './limits';
import { silentLogger } from './log';
import { MemorySink, PRODUCT, addToCart, checkoutComplete, ingestRequest, pageView } from './test-fixtures';

function setup() {
  const sink = new MemorySink();
  const handle = createIngestHandler({ sink, verifier: null, allowedOrigins: [], limits: DEFAULT_LIMITS, log: silentLogger });
  return { sink, handle };
}

const big = (n: number) => 'x'.repeat(n);
const without = (event: Record<string, unknown>, key: string) => Object.fromEntries(Object.entries(event).filter(([k]) => k !== key));

// Whole requests the API must refuse: [name, body, expected status, expected error].
const badRequests: [string, string | Uint8Array, number, RegExp, Record<string, string>?][] = [
  ['truncated JSON', '{"events": [', 400, /not valid JSON/],
  ['empty body', '', 400, /empty/],
  ['whitespace body', '  \n ', 400, /empty/],
  ['a JSON array', JSON.stringify([pageView()]), 400, /one event object/],
  ['a JSON string', '"page_view"', 400, /one event object/],
  ['JSON null', 'null', 400, /one event object/],
  ['a JSON number', '42', 400, /one event object/],
  ['an empty batch', '{"events": []}', 400, /events: must hold at least one event/],
  ['101 events', JSON.stringify({ events: Array.from({ length: 101 }, () => pageView()) }), 400, /events: must hold at most 100 events/],
  ['events not a list', '{"events": "page_view"}', 400, /^events: /],
  ['an unknown envelope key', JSON.stringify({ events: [pageView()], source: 'x' }), 400, /Unrecognized key: "source"/],
  ['a numeric auth_token', JSON.stringify({ events: [pageView()], auth_token: 42 }), 400, /^auth_token: /],
  ['invalid UTF-8', new Uint8Array([0x7b, 0xff, 0xfe, 0x7d]), 400, /not valid UTF-8/],
  ['an XML content type', JSON.stringify(pageView()), 415, /content-type must be application\/json or text\/plain/, { 'content-type': 'application/xml' }],
  ['a body over 512 KB', JSON.stringify({ events: [pageView({ page_title: big(DEFAULT_LIMITS.maxBodyBytes) })] }), 413, /over the 524288-byte limit/],
  ['a declared length over the limit', '{}', 413, /over the 524288-byte limit/, { 'content-length': String(DEFAULT_LIMITS.maxBodyBytes + 1) }],
];

// Single events the API must reject with a reason: [name, event, field, message].
const badEvents: [string, unknown, string, RegExp][] = [
  ['an unknown event name', pageView({ event_name: 'purchase' }), 'event_name', /Invalid option/],
  ['a non-UUID event_id', pageView({ event_id: 'abc' }), 'event_id', /UUID/i],
  ['a path in event_id', pageView({ event_id: '../../etc/passwd' }), 'event_id', /UUID/i],
  ['a missing event_id', without(pageView(), 'event_id'), 'event_id', /expected string/],
  ['a numeric event_id', pageView({ event_id: 12345 }), 'event_id', /expected string/],
  ['a non-UUID client_id', pageView({ client_id: 'visitor-1' }), 'client_id', /UUID/i],
  ['a null session_id', pageView({ session_id: null }), 'session_id', /expected string/],
  ['a date without time', pageView({ client_timestamp: '2026-01-01' }), 'client_timestamp', /ISO 8601/],
  ['February 30th', pageView({ client_timestamp: '2024-02-30T00:00:00.000Z' }), 'client_timestamp', /is not a real date and time/],
  ['April 31st', pageView({ client_timestamp: '2025-04-31T12:00:00.000Z' }), 'client_timestamp', /is not a real date and time/],
  ['hour 24', pageView({ client_timestamp: '2025-06-01T24:00:00.000Z' }), 'client_timestamp', /is not a real date and time/],
  ['second 60', pageView({ client_timestamp: '2025-06-30T23:59:60.000Z' }), 'client_timestamp', /is not a real date and time/],
  ['a timestamp in 1999', pageView({ client_timestamp: '1999-12-31T23:59:59.000Z' }), 'client_timestamp', /plausible/],
  ['a timestamp in 2100', pageView({ client_timestamp: '2100-01-01T00:00:00.000Z' }), 'client_timestamp', /plausible/],
  ['a numeric timestamp', pageView({ client_timestamp: Date.now() }), 'client_timestamp', /expected string/],
  ['a string boolean', pageView({ is_first_visit: 'yes' }), 'is_first_visit', /expected boolean/],
  ['a negative screen width', pageView({ screen_width: -1 }), 'screen_width', /Too small/],
  ['a fractional screen width', pageView({ screen_width: 1.5 }), 'screen_width', /int/i],
  ['an absurd screen width', pageView({ screen_width: 1e12 }), 'screen_width', /Too big/],
  ['a screen height as text', pageView({ screen_height: '800' }), 'screen_height', /expected (int|number)/],
  ['a javascript: page URL', pageView({ page_url: 'javascript:alert(1)' }), 'page_url', /URL/i],
  ['a 3000-character page URL', pageView({ page_url: `https://lumen.example/${big(3000)}` }), 'page_url', /Too big/],
  ['a relative page path', pageView({ page_path: 'products/aurora-ring' }), 'page_path', /start with "\/"/],
  ['a 600-character title', pageView({ page_title: big(600) }), 'page_title', /Too big/],
  ['a 100-character language', pageView({ language: big(100) }), 'language', /Too big/],
  ['a __proto__ key', JSON.parse(JSON.stringify(pageView()).replace(/^\{/, '{"__proto__":{"admin":true},')), '(event)', /Unrecognized key: "__proto__"/],
  ['a constructor key', pageView({ constructor: { prototype: {} } }), '(event)', /Unrecognized key: "constructor"/],
  ['an unknown field', pageView({ price_paid: 10 }), '(event)', /Unrecognized key: "price_paid"/],
  ['a user_id while anonymous', pageView({ user_id: 'abc' }), 'user_login_state', /logged_in exactly when user_id/],
  ['logged_in without user_id', pageView({ user_login_state: 'logged_in', identity_source: 'cognito' }), 'user_login_state', /logged_in exactly when user_id/],
  ['cognito identity while anonymous', pageView({ identity_source: 'cognito' }), 'identity_source', /cognito exactly when user_id/],
  ['add_to_cart without quantity', addToCart({ quantity: null }), 'quantity', /is required for add_to_cart/],
  ['add_to_cart with quantity 0', addToCart({ quantity: 0 }), 'quantity', /Too small/],
  ['product_view without product id', pageView({ event_name: 'product_view', ...PRODUCT, context_product_id: null }), 'context_product_id', /is required for product_view/],
  ['a negative price', addToCart({ context_product_price: -5 }), 'context_product_price', /Too small/],
  ['an absurd price', addToCart({ context_product_price: 1e9 }), 'context_product_price', /Too big/],
  ['a lowercase currency', addToCart({ currency: 'usd' }), 'currency', /ISO 4217/],
  ['checkout_complete without order_id', checkoutComplete({ order_id: null }), 'order_id', /is required for checkout_complete/],
  ['a cart whose count is wrong', checkoutComplete({ cart: { items: [{ product_id: 'a', quantity: 2, unit_price: 5 }], item_count: 3, value: 10, currency: 'USD' } }), 'cart.item_count', /sum of item quantities/],
  ['a cart without items', checkoutComplete({ cart: { items: [], item_count: 1, value: 10, currency: 'USD' } }), 'cart.items', /Too small/],
  ['search without a term', pageView({ event_name: 'search', result_count: 3 }), 'search_term', /is required for search/],
  ['a negative result count', pageView({ event_name: 'search', search_term: 'ring', result_count: -1 }), 'result_count', /Too small/],
  ['an event over 16 KB', pageView({ notes: big(DEFAULT_LIMITS.maxEventBytes) }), '(event)', /over the 16384-byte limit per event/],
  ['a string instead of an event', 'page_view', '(event)', /expected object/],
  ['null instead of an event', null, '(event)', /expected object/],
  ['a list instead of an event', [pageView()], '(event)', /expected object/],
];

describe('bad input', () => {
  it('covers at least 40 cases', () => {
    expect(badRequests.length + badEvents.length).toBeGreaterThanOrEqual(40);
  });

  it.each(badRequests)('refuses %s', async (_name, body, status, error, headers) => {
    const { sink, handle } = setup();
    const response = await handle(ingestRequest(body, { headers }));
    expect(response.status).toBe(status);
    expect(JSON.parse(response.body).error).toMatch(error);
    expect(sink.keys('events/')).toEqual([]);
  });

  it.each(badEvents)('rejects %s with the field and the reason', async (_name, event, field, message) => {
    const { sink, handle } = setup();
    const good = pageView();
    const response = await handle(ingestRequest(JSON.stringify({ events: [good, event] })));
    expect(response.status).toBe(202);
    const body = JSON.parse(response.body);
    expect(body.accepted).toEqual([good.event_id]);
    expect(body.rejected).toHaveLength(1);
    expect(body.rejected[0].index).toBe(1);
    expect(body.rejected[0].errors).toContainEqual({ field, message: expect.stringMatching(message) });
    // The good neighbour is stored; the bad event only in the diagnosis folder.
    expect(sink.keys('events/')).toEqual([`events/2026/03/04/event-${good.event_id}.json`]);
    expect(sink.keys('rejected/')).toHaveLength(1);
  });
});

// Written as text: JSON.stringify itself overflows the stack on values this deep.
const deepArrays = (depth: number) => `${'['.repeat(depth)}${']'.repeat(depth)}`;
const deepObjects = (depth: number) => `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;

describe('deeply nested input', () => {
  const good = pageView();
  const deepField = JSON.stringify(pageView()).replace(/"page_title":"[^"]*"/, `"page_title":${deepArrays(5000)}`);
  it.each([
    ['5,000 nested arrays', deepArrays(5000), null],
    ['5,000 nested objects', deepObjects(5000), null],
    ['an event with a field nested 5,000 deep', deepField, JSON.parse(deepField.replace(/\[+\]+/, 'null')).event_id],
  ])('rejects %s with a reason, stores the good neighbour and keeps a rejected record', async (_name, deep, eventId) => {
    const { sink, handle } = setup();
    const response = await handle(ingestRequest(`{"events":[${JSON.stringify(good)},${deep}]}`));
    expect(response.status).toBe(202);
    const body = JSON.parse(response.body);
    expect(body.accepted).toEqual([good.event_id]);
    expect(body.rejected).toEqual([{ index: 1, event_id: eventId, errors: [{ field: '(event)', message: 'nests arrays or objects deeper than 16 levels' }] }]);
    expect(sink.keys('events/')).toEqual([`events/2026/03/04/event-${good.event_id}.json`]);
    const [record] = sink.keys('rejected/');
    expect(sink.json(record).rejected).toEqual([expect.objectContaining({ index: 1, errors: body.rejected[0].errors })]);
  });

  it('answers 400, never a 5xx, when the only event is nested too deep', async () => {
    const { sink, handle } = setup();
    const bodies = [`{"events":[${deepArrays(5000)}]}`, deepObjects(80_000)];
    for (const [second, body] of bodies.entries()) {
      const response = await handle(ingestRequest(body, { now: new Date(Date.UTC(2026, 2, 4, 5, 6, second)) }));
      expect(response.status).toBe(400);
      expect(JSON.parse(response.body).rejected[0].errors[0].message).toMatch(/deeper than 16 levels/);
    }
    expect(sink.keys('events/')).toEqual([]);
    expect(sink.keys('rejected/')).toHaveLength(2);
  });
});
