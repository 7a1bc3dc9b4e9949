import type { StoredEvent } from '../contract/events';

/** The stored-event fields, each loaded into the clickstream_events column of the same name. */
export const STORED_FIELDS = [
  'event_id', 'event_timestamp', 'event_name', 'user_id', 'user_login_state', 'identity_source', 'client_id',
  'session_id', 'is_first_visit', 'context_product_id', 'context_product_name', 'context_product_category',
  'context_product_brand', 'context_product_price', 'context_product_discount_price', 'context_product_url_path',
  'client_timestamp', 'page_url', 'page_path', 'page_title', 'referrer', 'language', 'timezone', 'currency',
  'order_id', 'search_term', 'request_id', 'source_ip', 'user_agent', 'browser', 'os', 'device_type', 'country',
  'screen_width', 'screen_height', 'quantity', 'result_count', 'cart', 'identity_verified', 'schema_version',
] as const satisfies readonly (keyof StoredEvent)[];

/** Every column the loader writes, in order; `loaded_at` is left to its default. */
export const EVENT_COLUMNS = [...STORED_FIELDS, 'source_key', 'cart_value', 'cart_item_count'] as const;

export type EventRow = Record<(typeof EVENT_COLUMNS)[number], unknown>;

const CART = STORED_FIELDS.indexOf('cart');

/** One stored event's column values in EVENT_COLUMNS order: `cart` as JSON text, the two cart conveniences from it. */
export function eventValues(event: StoredEvent, sourceKey: string): unknown[] {
  const values: unknown[] = STORED_FIELDS.map((field) => event[field]);
  values[CART] = event.cart ? JSON.stringify(event.cart) : null;
  values.push(sourceKey, event.cart?.value ?? null, event.cart?.item_count ?? null);
  return values;
}

/** The same values by column name. */
export function eventRow(event: StoredEvent, sourceKey: string): EventRow {
  const values = eventValues(event, sourceKey);
  return Object.fromEntries(EVENT_COLUMNS.map((column, index) => [column, values[index]])) as EventRow;
}
