// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { MAX_BATCH_EVENTS, wireEventSchema } from '@/lib/contract/events';
import { outboxEvents } from './outbox';
import { resetBrowserState, noToken, scriptedEndpoint } from './test-helpers';
import { createTracker, FLUSH_MS, PROMPT_FLUSH_MS, TITLE_WAIT_MS, type Tracker } from './tracker';

const PRODUCT = {
  id: 'p-aurora', name: 'Aurora Ring', category: 'rings', brand: 'Aurelia',
  price: 1290, discountPrice: 990, urlPath: '/products/aurora-ring', currency: 'USD',
};
let tracker: Tracker;
const start = (options: Partial<Parameters<typeof createTracker>[0]> = {}) => {
  tracker = createTracker({ endpoint: '/api/clickstream', ...noToken, ...options });
  return tracker;
};
const ids = (events: { event_id: string }[]) => events.map((e) => e.event_id);

beforeEach(() => {
  resetBrowserState();
  vi.useFakeTimers({ now: Date.parse('2026-03-01T10:00:00Z') });
  history.replaceState(null, '', '/products/aurora-ring?ref=home');
  document.title = 'Aurora Ring · Lumen Jewelry';
});
afterEach(() => {
  tracker?.stop();
  vi.useRealTimers();
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

describe('tracker batching', () => {
  it('sends the first events of a page at once, in one batch, as contract-true events', async () => {
    const api = scriptedEndpoint();
    start().setUser(null);
    tracker.track('page_view');
    tracker.track('product_view', undefined, PRODUCT);
    tracker.track('add_to_cart', { quantity: 2 }, PRODUCT);
    await vi.advanceTimersByTimeAsync(PROMPT_FLUSH_MS);
    expect(api.sent).toHaveLength(1);
    const [view, product, add] = api.sent[0].events;
    for (const event of api.sent[0].events) expect(wireEventSchema.safeParse(event).error).toBeUndefined();
    expect(view).toMatchObject({ event_name: 'page_view', page_path: '/products/aurora-ring', page_title: 'Aurora Ring · Lumen Jewelry', user_id: null });
    expect(view.page_url).toBe('http://localhost:3000/products/aurora-ring?ref=home');
    expect(product).toMatchObject({ context_product_id: 'p-aurora', context_product_price: 1290, context_product_discount_price: 990, currency: 'USD' });
    expect(add).toMatchObject({ quantity: 2, context_product_name: 'Aurora Ring' });
    expect(new Set([view.client_id, product.client_id, add.client_id]).size).toBe(1);
    expect(outboxEvents()).toEqual([]);
  });

  it('waits briefly for a title that arrives after the URL, and keeps the page\'s events behind its page_view', async () => {
    const api = scriptedEndpoint();
    start().setUser(null);
    tracker.track('page_view');
    await vi.advanceTimersByTimeAsync(PROMPT_FLUSH_MS);
    // A soft navigation to a dynamic page: the URL changes first, its title comes a moment later.
    history.pushState(null, '', '/search?q=gold');
    document.title = '';
    tracker.track('page_view');
    tracker.track('search', { search_term: 'gold', result_count: 3 });
    await vi.advanceTimersByTimeAsync(TITLE_WAIT_MS / 5);
    expect(api.events()).toHaveLength(1);
    document.title = 'Search: gold · Lumen Jewelry';
    await vi.advanceTimersByTimeAsync(PROMPT_FLUSH_MS);
    expect(api.events().map((e) => [e.event_name, e.page_title])).toEqual([
      ['page_view', 'Aurora Ring · Lumen Jewelry'],
      ['page_view', 'Search: gold · Lumen Jewelry'],
      ['search', 'Search: gold · Lumen Jewelry'],
    ]);
    // A page that never gets a title is still counted, once the wait is over.
    history.pushState(null, '', '/untitled');
    document.title = '';
    tracker.track('page_view');
    await vi.advanceTimersByTimeAsync(TITLE_WAIT_MS + FLUSH_MS);
    expect(api.events().at(-1)).toMatchObject({ event_name: 'page_view', page_path: '/untitled', page_title: '' });
  });

  it('batches later events on a short timer', async () => {
    const api = scriptedEndpoint();
    start().setUser(null);
    tracker.track('page_view');
    await vi.advanceTimersByTimeAsync(PROMPT_FLUSH_MS);
    tracker.track('search', { search_term: 'gold', result_count: 3 });
    tracker.track('search', { search_term: 'pearl', result_count: 0 });
    await vi.advanceTimersByTimeAsync(FLUSH_MS / 2);
    expect(api.sent).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(FLUSH_MS / 2);
    expect(api.sent).toHaveLength(2);
    expect(api.sent[1].events.map((e) => e.search_term)).toEqual(['gold', 'pearl']);
  });

  it('never puts more than the contract allows in one request', async () => {
    const api = scriptedEndpoint();
    start().setUser(null);
    tracker.track('page_view');
    for (let n = 0; n < 250; n++) tracker.track('search', { search_term: `q${n}`, result_count: n });
    await vi.advanceTimersByTimeAsync(FLUSH_MS);
    expect(api.sent.length).toBeGreaterThanOrEqual(3);
    for (const request of api.sent) expect(request.events.length).toBeLessThanOrEqual(MAX_BATCH_EVENTS);
    expect(new Set(ids(api.events())).size).toBe(251);
    expect(api.events()).toHaveLength(251);
    expect(api.sent.every((s) => s.keepalive)).toBe(true);
  });

  it('reports an invalid event in development with zod\'s message', async () => {
    scriptedEndpoint();
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    start().setUser(null);
    tracker.track('page_view');
    tracker.track('add_to_cart', {});
    await vi.waitFor(() => expect(error).toHaveBeenCalled());
    expect(String(error.mock.calls[0][0])).toMatch(/invalid add_to_cart event.*quantity/s);
  });
});

describe('tracker delivery', () => {
  it('retries 5xx with growing, jittered delays and the same event_ids until stored', async () => {
    const api = scriptedEndpoint(503, 503, 503, 202);
    start().setUser(null);
    tracker.track('page_view');
    tracker.track('search', { search_term: 'ring', result_count: 5 });
    await vi.advanceTimersByTimeAsync(120_000);
    expect(api.sent).toHaveLength(4);
    const first = ids(api.sent[0].events);
    for (const s of api.sent) expect(ids(s.events)).toEqual(first);
    const gaps = api.sent.slice(1).map((s, i) => s.at - api.sent[i].at);
    expect(gaps[0]).toBeGreaterThanOrEqual(500);
    expect(gaps[1]).toBeGreaterThan(gaps[0] * 0.99);
    expect(gaps[2]).toBeGreaterThanOrEqual(2000);
    expect(outboxEvents()).toEqual([]);
  });

  it('waits as long as Retry-After says on 429', async () => {
    const api = scriptedEndpoint({ status: 429, headers: { 'retry-after': '10' } }, 202);
    start().setUser(null);
    tracker.track('page_view');
    await vi.advanceTimersByTimeAsync(PROMPT_FLUSH_MS);
    tracker.track('search', { search_term: 'x', result_count: 0 });
    await vi.advanceTimersByTimeAsync(9_000);
    expect(api.sent).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1_100);
    expect(api.sent).toHaveLength(2);
    expect(api.sent[1].events).toHaveLength(2);
  });

  it('retries network errors and goes at once when the browser is back online', async () => {
    const api = scriptedEndpoint('offline', 202);
    start().setUser(null);
    tracker.track('page_view');
    await vi.advanceTimersByTimeAsync(PROMPT_FLUSH_MS);
    expect(outboxEvents()).toHaveLength(1);
    tracker.reconnect();
    await vi.advanceTimersByTimeAsync(0);
    expect(api.sent).toHaveLength(1);
    expect(outboxEvents()).toEqual([]);
  });

  it('never retries events the API rejected', async () => {
    const api = scriptedEndpoint(400);
    vi.spyOn(console, 'error').mockImplementation(() => {});
    start().setUser(null);
    tracker.track('page_view');
    await vi.advanceTimersByTimeAsync(120_000);
    expect(api.sent).toHaveLength(1);
    expect(outboxEvents()).toEqual([]);
  });

  it('two tabs sharing the outbox never send the same event while one has it on the wire', async () => {
    const api = scriptedEndpoint();
    const waiting: (() => void)[] = [];
    const answer = () => waiting.splice(0).forEach((go) => go());
    const onWire: string[][] = [];
    const reply = api.fetchMock.getMockImplementation()!;
    api.fetchMock.mockImplementation((url, init) => {
      onWire.push(ids(JSON.parse(String(init!.body)).events));
      return new Promise((resolve) => waiting.push(() => resolve(reply(url, init))));
    });
    const tabA = start();
    const tabB = createTracker({ endpoint: '/api/clickstream', ...noToken });
    tabA.setUser(null);
    tabB.setUser(null);
    tabA.track('page_view');
    await vi.advanceTimersByTimeAsync(PROMPT_FLUSH_MS); // tab A's request is out, unanswered
    tabB.flush();
    tabB.track('page_view');
    await vi.advanceTimersByTimeAsync(PROMPT_FLUSH_MS);
    // Tab B left tab A's event alone and sent only its own.
    expect(onWire).toHaveLength(2);
    expect(onWire[1]).toHaveLength(1);
    expect(onWire[1]).not.toEqual(onWire[0]);
    answer();
    await vi.advanceTimersByTimeAsync(FLUSH_MS);
    answer();
    await vi.advanceTimersByTimeAsync(FLUSH_MS);
    expect(onWire).toHaveLength(2);
    expect(outboxEvents()).toEqual([]);
    tabB.stop();
  });

  it('halves the batch when the body is too large', async () => {
    const api = scriptedEndpoint(413, 202);
    start().setUser(null);
    tracker.track('page_view');
    for (let n = 0; n < 7; n++) tracker.track('search', { search_term: `q${n}`, result_count: n });
    await vi.advanceTimersByTimeAsync(FLUSH_MS);
    expect(api.sent.map((s) => s.events.length)).toEqual([8, 4, 4]);
  });
});

describe('tracker page order', () => {
  it('holds a page\'s events until its page_view, which goes first', async () => {
    const api = scriptedEndpoint();
    start().setUser(null);
    tracker.track('product_view', undefined, PRODUCT);
    vi.advanceTimersByTime(5);
    tracker.track('page_view');
    await vi.advanceTimersByTimeAsync(PROMPT_FLUSH_MS);
    const [view, product] = api.sent[0].events;
    expect([view.event_name, product.event_name]).toEqual(['page_view', 'product_view']);
    expect(product.client_timestamp >= view.client_timestamp).toBe(true);
  });

  it('lets them go after a second when no page_view comes', async () => {
    const api = scriptedEndpoint();
    start().setUser(null);
    tracker.track('search', { search_term: 'gold', result_count: 2 });
    await vi.advanceTimersByTimeAsync(FLUSH_MS * 2 + PROMPT_FLUSH_MS);
    expect(api.events().map((e) => e.event_name)).toEqual(['search']);
  });
});

describe('tracker identity', () => {
  it('signs events for the signed-in user and sends them with that user\'s token', async () => {
    const tokenFor = vi.fn(async (sub: string | null) => (sub === 'sub-1' ? 'token-1' : undefined));
    const api = scriptedEndpoint();
    start({ tokenFor, cachedTokenFor: (sub) => (sub === 'sub-1' ? 'token-1' : undefined) }).setUser('sub-1');
    tracker.track('page_view');
    await vi.advanceTimersByTimeAsync(PROMPT_FLUSH_MS);
    expect(api.sent[0].events[0]).toMatchObject({ user_id: 'sub-1', user_login_state: 'logged_in', identity_source: 'cognito' });
    expect(api.sent[0].authorization).toBe('Bearer token-1');
  });

  it('follows sign-out: later events are anonymous and carry no token', async () => {
    const api = scriptedEndpoint();
    start({ tokenFor: async (sub) => (sub ? `token-of-${sub}` : undefined) }).setUser('sub-1');
    tracker.track('page_view');
    tracker.track('sign_out');
    tracker.setUser(null);
    tracker.track('page_view');
    await vi.advanceTimersByTimeAsync(FLUSH_MS);
    const byName = Object.fromEntries(api.sent.flatMap((s) => s.events.map((e) => [e.event_name, { e, auth: s.authorization }])));
    expect(byName.sign_out.e.user_id).toBe('sub-1');
    expect(byName.sign_out.auth).toBe('Bearer token-of-sub-1');
    expect(api.events().map((e) => e.event_name)).toEqual(['page_view', 'sign_out', 'page_view']);
    expect(byName.page_view.e).toMatchObject({ user_id: null, user_login_state: 'anonymous', identity_source: 'anonymous' });
    expect(byName.page_view.auth).toBeNull();
  });

  it('sends what is left at once as the page goes away: keepalive, a text/plain string body, the token inside', async () => {
    const api = scriptedEndpoint();
    start({ cachedTokenFor: (sub) => (sub ? 'token-1' : undefined) }).setUser('sub-1');
    tracker.track('page_view');
    tracker.track('add_to_cart', { quantity: 1 }, PRODUCT);
    tracker.hide(true);
    expect(api.fetchMock).toHaveBeenCalledTimes(1);
    const init = api.fetchMock.mock.calls[0][1]!;
    expect(init).toMatchObject({ method: 'POST', keepalive: true, headers: { 'content-type': 'text/plain;charset=UTF-8' } });
    expect(typeof init.body).toBe('string');
    const envelope = JSON.parse(init.body as string);
    expect(envelope.auth_token).toBe('token-1');
    expect(envelope.events.map((e: { event_name: string }) => e.event_name)).toEqual(['page_view', 'add_to_cart']);
    expect(envelope.events[1]).toMatchObject({ quantity: 1, user_id: 'sub-1', context_product_id: 'p-aurora' });
    // Leased while that request is out: the timer does not send them a second time.
    await vi.advanceTimersByTimeAsync(FLUSH_MS);
    expect(api.fetchMock).toHaveBeenCalledTimes(1);
  });
});
