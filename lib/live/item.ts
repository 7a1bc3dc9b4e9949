// The live table's item layout (docs/insights.md, "live"): one item per eligible event, in a
// partition per UTC minute of its event_timestamp, so the report reads the last 30 minutes as
// 31 Query calls on known keys and never scans. The sort key starts with the timestamp, so a
// Query's key condition cuts a partition at the window's edge; it ends with event_id, so a
// redelivered event writes the same key again and is still one item.
import type { StoredEvent } from '../contract/events';

/** How long an item lives: DynamoDB's TTL deletes it some time after this (within a day or two). */
export const LIVE_TTL_SECONDS = 60 * 60;

/** The fields of an event that the live report reads, nothing personal beyond a browser's random id. */
export type LiveEvent = {
  event_id: string;
  event_name: StoredEvent['event_name'];
  at: string;
  session_id: string;
  client_id: string;
  page_path: string;
  product_id: string | null;
  product_name: string | null;
  /** The price the cart charges: the discount price when there is one. */
  unit_price: number | null;
  quantity: number | null;
  order_id: string | null;
  /** The order's cart value, on checkout_complete. */
  order_value: number | null;
  device_type: string | null;
};

export type LiveItem = LiveEvent & { pk: string; sk: string; expires_at: number };

/** `minute#2026-12-07T16:05`: the partition of every event received in that UTC minute. */
export const minutePartition = (time: Date | string): string => `minute#${new Date(time).toISOString().slice(0, 16)}`;

export function liveEvent(event: StoredEvent): LiveEvent {
  return {
    event_id: event.event_id,
    event_name: event.event_name,
    at: event.event_timestamp,
    session_id: event.session_id,
    client_id: event.client_id,
    page_path: event.page_path,
    product_id: event.context_product_id,
    product_name: event.context_product_name,
    unit_price: event.context_product_discount_price ?? event.context_product_price,
    quantity: event.quantity,
    order_id: event.order_id,
    order_value: event.event_name === 'checkout_complete' ? (event.cart?.value ?? null) : null,
    device_type: event.device_type,
  };
}

export function liveItem(event: StoredEvent): LiveItem {
  const at = new Date(event.event_timestamp);
  return {
    pk: minutePartition(at),
    sk: `${at.toISOString()}#${event.event_id}`,
    expires_at: Math.floor(at.getTime() / 1000) + LIVE_TTL_SECONDS,
    ...liveEvent(event),
  };
}
