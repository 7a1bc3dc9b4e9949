// Shared by the ingestion tests: contract-valid events and a request builder for the core.
import { randomUUID } from 'node:crypto';
import type { BodySource } from './body';
import type { IngestRequest } from './core';
import type { Sink, StoredObject } from './sink';

export const CHROME_UA =
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36';
export const IPHONE_UA =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1';

export function pageView(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    event_id: randomUUID(),
    event_name: 'page_view',
    client_timestamp: new Date().toISOString(),
    client_id: '0b7e3a52-8f7c-4e0e-9d4a-3f1f2b6c9e01',
    session_id: '6a1d2c3b-4e5f-4a6b-8c7d-9e0f1a2b3c4d',
    is_first_visit: true,
    user_id: null,
    user_login_state: 'anonymous',
    identity_source: 'anonymous',
    page_url: 'https://lumen.example/products/aurora-ring',
    page_path: '/products/aurora-ring',
    page_title: 'Aurora Ring | Lumen',
    referrer: null,
    language: 'en-US',
    screen_width: 1440,
    screen_height: 900,
    timezone: 'Europe/Berlin',
    ...overrides,
  };
}

export const PRODUCT = {
  context_product_id: 'aurora-ring',
  context_product_name: 'Aurora Ring',
  context_product_category: 'rings',
  context_product_brand: 'Lumen Atelier',
  context_product_price: 1290,
  context_product_discount_price: null,
  context_product_url_path: '/products/aurora-ring',
  currency: 'USD',
};

export function addToCart(overrides: Record<string, unknown> = {}) {
  return pageView({ event_name: 'add_to_cart', ...PRODUCT, quantity: 1, ...overrides });
}

export function checkoutComplete(overrides: Record<string, unknown> = {}) {
  return pageView({
    event_name: 'checkout_complete',
    cart: { items: [{ product_id: 'aurora-ring', quantity: 2, unit_price: 1290 }], item_count: 2, value: 2580, currency: 'USD' },
    order_id: 'LM-20261123-0001',
    ...overrides,
  });
}

export function signedIn(sub: string, overrides: Record<string, unknown> = {}) {
  return pageView({ user_id: sub, user_login_state: 'logged_in', identity_source: 'cognito', ...overrides });
}

/**
 * Keeps what the core writes, in memory, the first copy of a key winning as in the real sinks;
 * `fail` makes the next writes throw like a broken disk.
 */
export class MemorySink implements Sink {
  readonly objects = new Map<string, string>();
  writes = 0;
  fail: Error | null = null;

  async write(objects: StoredObject[]): Promise<void> {
    this.writes += 1;
    if (this.fail) throw this.fail;
    for (const { key, body } of objects) if (!this.objects.has(key)) this.objects.set(key, body);
  }

  keys(prefix: string): string[] {
    return [...this.objects.keys()].filter((key) => key.startsWith(prefix)).sort();
  }

  json(key: string): Record<string, unknown> {
    return JSON.parse(this.objects.get(key) ?? 'null');
  }
}

export function ingestRequest(body: BodySource, options: { method?: string; headers?: Record<string, string>; ip?: string; now?: Date } = {}): IngestRequest {
  return {
    method: options.method ?? 'POST',
    headers: new Headers({ 'content-type': 'application/json', 'user-agent': CHROME_UA, host: 'lumen.example', ...options.headers }),
    body,
    clientIp: options.ip ?? '203.0.113.45',
    requestId: 'req-1',
    receivedAt: options.now ?? new Date('2026-03-04T05:06:07.890Z'),
  };
}
