import { UAParser } from 'ua-parser-js';
import { SCHEMA_VERSION, type StoredEvent, type WireEvent } from '@/lib/contract/events';

/** What the server knows about the request that carried the events (contract section 6). */
export type RequestFacts = {
  receivedAt: Date;
  requestId: string;
  sourceIp: string | null;
  userAgent: string | null;
  country: string | null;
  verifiedSub: string | null;
};

const NULLABLE_DEFAULTS = {
  user_id: null,
  referrer: null,
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
} satisfies Partial<StoredEvent>;

export type ParsedAgent = { browser: string | null; os: string | null; device_type: string | null };

export function parseUserAgent(userAgent: string | null): ParsedAgent {
  if (!userAgent) return { browser: null, os: null, device_type: null };
  const result = new UAParser(userAgent).getResult();
  const browser = result.browser.name ?? null;
  const os = result.os.name ?? null;
  // ua-parser-js leaves device.type unset for desktops; only call it desktop when the agent is known.
  const device_type = result.device.type ?? (browser || os ? 'desktop' : null);
  return { browser, os, device_type };
}

export function countryFrom(header: string | null): string | null {
  const value = header?.trim().toUpperCase();
  return value && /^[A-Z]{2}$/.test(value) ? value : null;
}

/** The stored form of one valid event: every field present, plus the server's facts. */
export function enrich(event: WireEvent, facts: RequestFacts, agent: ParsedAgent): StoredEvent {
  return {
    ...NULLABLE_DEFAULTS,
    ...event,
    event_timestamp: facts.receivedAt.toISOString(),
    request_id: facts.requestId,
    source_ip: facts.sourceIp,
    user_agent: facts.userAgent,
    ...agent,
    country: facts.country,
    identity_verified: facts.verifiedSub !== null && event.user_id === facts.verifiedSub,
    schema_version: SCHEMA_VERSION,
  } as StoredEvent;
}
