import { UAParser } from 'ua-parser-js';
import { SCHEMA_VERSION, type StoredEvent, type WireEvent } from '@/lib/contract/events';

/** What the server knows about the request that carried the events (the fields it adds: docs/reference/events.md). */
export type RequestFacts = {
  receivedAt: Date;
  requestId: string;
  sourceIp: string | null;
  userAgent: string | null;
  country: string | null;
  verifiedSub: string | null;
};

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

/**
 * The stored form of one valid event: every field present (null when it does not apply), in the
 * contract's order, plus the server's facts. Spelled out rather than spread: it runs per event
 * and a literal of fixed shape is several times faster than spreading 40 keys.
 */
export function enrich(event: WireEvent, facts: RequestFacts, agent: ParsedAgent, eventTimestamp: string): StoredEvent {
  return {
    event_id: event.event_id,
    event_name: event.event_name,
    client_timestamp: event.client_timestamp,
    client_id: event.client_id,
    session_id: event.session_id,
    is_first_visit: event.is_first_visit,
    user_id: event.user_id ?? null,
    user_login_state: event.user_login_state,
    identity_source: event.identity_source,
    page_url: event.page_url,
    page_path: event.page_path,
    page_title: event.page_title,
    referrer: event.referrer ?? null,
    language: event.language,
    screen_width: event.screen_width,
    screen_height: event.screen_height,
    timezone: event.timezone,
    context_product_id: event.context_product_id ?? null,
    context_product_name: event.context_product_name ?? null,
    context_product_category: event.context_product_category ?? null,
    context_product_brand: event.context_product_brand ?? null,
    context_product_price: event.context_product_price ?? null,
    context_product_discount_price: event.context_product_discount_price ?? null,
    context_product_url_path: event.context_product_url_path ?? null,
    currency: event.currency ?? null,
    quantity: event.quantity ?? null,
    cart: event.cart ?? null,
    order_id: event.order_id ?? null,
    search_term: event.search_term ?? null,
    result_count: event.result_count ?? null,
    event_timestamp: eventTimestamp,
    request_id: facts.requestId,
    source_ip: facts.sourceIp,
    user_agent: facts.userAgent,
    browser: agent.browser,
    os: agent.os,
    device_type: agent.device_type,
    country: facts.country,
    identity_verified: facts.verifiedSub !== null && event.user_id === facts.verifiedSub,
    schema_version: SCHEMA_VERSION,
  };
}
