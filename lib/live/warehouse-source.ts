// The live report without a stream: the same window read from the warehouse's event rows, which
// `npm run dev` loads every 2 seconds. The same eligibility as the consumer: the analyst rule in
// SQL (the warehouse's own function), bots by their user agent here.
import { isbot } from 'isbot';
import type { Db } from '../insights/sessions-in-range';
import type { LiveEvent } from './item';
import { WINDOW_MINUTES, liveReport, type LiveReport } from './report';

const WINDOW_EVENTS = `
SELECT event_id::text, event_name, to_char(event_timestamp AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS at,
  session_id, client_id, page_path, context_product_id AS product_id, context_product_name AS product_name,
  coalesce(context_product_discount_price, context_product_price)::float8 AS unit_price, quantity, order_id,
  CASE WHEN event_name = 'checkout_complete' THEN cart_value::float8 END AS order_value, device_type, user_agent
FROM clickstream_events
WHERE event_timestamp >= $1::timestamptz AND event_timestamp <= $2::timestamptz AND clickstream_is_shopper_path(page_path)`;

type Row = LiveEvent & { user_agent: string | null };

export async function liveFromWarehouse(db: Db, now: Date): Promise<LiveReport> {
  const since = new Date(now.getTime() - WINDOW_MINUTES * 60_000);
  const { rows } = await db.query<Row>(WINDOW_EVENTS, [since.toISOString(), now.toISOString()]);
  return liveReport(rows.filter((row) => !(row.user_agent && isbot(row.user_agent))), now, 'warehouse');
}
