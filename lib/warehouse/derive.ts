import type pg from 'pg';

export type Touched = { sessionIds: string[]; clientIds: string[] };

// Stitching first: a client's latest verified user_id. The outer SELECT still sees the rows as they
// were before the upsert (one snapshot), which tells which clients now map to another user.
const REFRESH_IDENTITIES = `
WITH client_events AS (
  SELECT client_id, min(event_timestamp) AS first_seen, max(event_timestamp) AS last_seen
  FROM clickstream_events WHERE client_id = ANY($1::text[]) GROUP BY client_id
), latest_verified AS (
  SELECT DISTINCT ON (client_id) client_id, user_id
  FROM clickstream_events
  WHERE client_id = ANY($1::text[]) AND identity_verified AND user_id IS NOT NULL
  ORDER BY client_id, event_timestamp DESC, client_timestamp DESC, event_id DESC
), upserted AS (
  INSERT INTO shopper_identities (client_id, user_id, first_seen, last_seen)
  SELECT v.client_id, v.user_id, c.first_seen, c.last_seen FROM latest_verified v JOIN client_events c USING (client_id)
  ON CONFLICT (client_id) DO UPDATE
    SET user_id = excluded.user_id, first_seen = excluded.first_seen, last_seen = excluded.last_seen
  RETURNING client_id, user_id
)
SELECT u.client_id FROM upserted u LEFT JOIN shopper_identities s USING (client_id)
WHERE s.user_id IS DISTINCT FROM u.user_id`;

// The analyst rule (migration 0011, docs/insights.md): events on /insights are not shopper activity,
// so every derived row below reads the other events only, and a session of nothing else has no row.
const SHOPPER_EVENT = 'clickstream_is_shopper_path(page_path)';

const DROP_ANALYST_SESSIONS = `
DELETE FROM clickstream_sessions s WHERE session_id = ANY($1::text[])
  AND NOT EXISTS (SELECT 1 FROM clickstream_events e WHERE e.session_id = s.session_id AND ${SHOPPER_EVENT})`;

// One row per session from all of its shopper events, in the contract's order: event_timestamp, then
// client_timestamp, then event_id. The first event's page_url is the landing URL, its UTM values read from it.
// The first and the last event's fields are picked in the same aggregate pass (`FILTER (WHERE rn = 1)`
// holds one row): joining the ordered events back to themselves made PostgreSQL misjudge the rows and
// rescan them per session, quadratic in the sessions of one call (minutes for 5,000).
const REFRESH_SESSIONS = `
WITH ordered AS (
  SELECT session_id, client_id, event_id, event_timestamp, event_name, user_id, identity_verified, order_id, cart_value,
    page_path, page_url, referrer, device_type, browser, os, country,
    row_number() OVER (PARTITION BY session_id ORDER BY event_timestamp, client_timestamp, event_id) AS rn,
    row_number() OVER (PARTITION BY session_id ORDER BY event_timestamp DESC, client_timestamp DESC, event_id DESC) AS rn_desc
  FROM clickstream_events e WHERE session_id = ANY($1::text[]) AND ${SHOPPER_EVENT}
), counts AS (
  SELECT session_id,
    min(event_timestamp) AS started_at,
    max(event_timestamp) AS ended_at,
    count(*) AS events,
    count(*) FILTER (WHERE event_name = 'page_view') AS page_views,
    count(*) FILTER (WHERE event_name = 'product_view') AS product_views,
    count(*) FILTER (WHERE event_name = 'add_to_cart') AS add_to_carts,
    count(*) FILTER (WHERE event_name = 'checkout_start') AS checkouts,
    (array_agg(user_id ORDER BY rn DESC) FILTER (WHERE identity_verified AND user_id IS NOT NULL))[1] AS verified_user,
    max(client_id) FILTER (WHERE rn = 1) AS client_id, max(page_path) FILTER (WHERE rn = 1) AS entry_path,
    max(page_path) FILTER (WHERE rn_desc = 1) AS exit_path, max(page_url) FILTER (WHERE rn = 1) AS landing_url,
    max(referrer) FILTER (WHERE rn = 1) AS referrer, max(device_type) FILTER (WHERE rn = 1) AS device_type,
    max(browser) FILTER (WHERE rn = 1) AS browser, max(os) FILTER (WHERE rn = 1) AS os, max(country) FILTER (WHERE rn = 1) AS country
  FROM ordered GROUP BY session_id
), distinct_orders AS (
  SELECT DISTINCT ON (session_id, order_id) session_id, order_id, cart_value
  FROM ordered WHERE event_name = 'checkout_complete' AND order_id IS NOT NULL
  ORDER BY session_id, order_id, rn
), order_totals AS (
  SELECT session_id, count(*) AS orders, coalesce(sum(cart_value), 0) AS revenue FROM distinct_orders GROUP BY session_id
)
INSERT INTO clickstream_sessions AS s (
  session_id, client_id, user_id, started_at, ended_at, duration_s, events, page_views, product_views,
  add_to_carts, checkouts, orders, revenue, entry_path, exit_path, referrer, device_type, browser, os, country, converted,
  landing_url, utm_source, utm_medium, utm_campaign
)
SELECT c.session_id, c.client_id, coalesce(c.verified_user, i.user_id), c.started_at, c.ended_at,
  extract(epoch FROM c.ended_at - c.started_at)::integer, c.events, c.page_views, c.product_views,
  c.add_to_carts, c.checkouts, coalesce(o.orders, 0), coalesce(o.revenue, 0), c.entry_path, c.exit_path,
  c.referrer, c.device_type, c.browser, c.os, c.country, coalesce(o.orders, 0) > 0,
  c.landing_url, clickstream_url_param(c.landing_url, 'utm_source'), clickstream_url_param(c.landing_url, 'utm_medium'),
  clickstream_url_param(c.landing_url, 'utm_campaign')
FROM counts c
LEFT JOIN order_totals o ON o.session_id = c.session_id
LEFT JOIN shopper_identities i ON i.client_id = c.client_id
ON CONFLICT (session_id) DO UPDATE SET
  client_id = excluded.client_id, user_id = excluded.user_id, started_at = excluded.started_at,
  ended_at = excluded.ended_at, duration_s = excluded.duration_s, events = excluded.events,
  page_views = excluded.page_views, product_views = excluded.product_views,
  add_to_carts = excluded.add_to_carts, checkouts = excluded.checkouts, orders = excluded.orders,
  revenue = excluded.revenue, entry_path = excluded.entry_path, exit_path = excluded.exit_path,
  referrer = excluded.referrer, device_type = excluded.device_type, browser = excluded.browser,
  os = excluded.os, country = excluded.country, converted = excluded.converted,
  landing_url = excluded.landing_url, utm_source = excluded.utm_source, utm_medium = excluded.utm_medium,
  utm_campaign = excluded.utm_campaign`;

// The insights pre-aggregates (migration 0010, docs/insights.md), after the sessions they copy
// started_at from. The funnel step is a greedy in-order match of the five steps: each step's event
// must come at or after the step before it, so a path of codes matched against 'a.*b.*c' says
// whether page_view, then product_view, then add_to_cart happened in that order. Events at the
// same instant (a page_view and its product_view sent in one millisecond) are "at": within an
// instant the codes sort in step order, not by event_id.
const URL_HOST = `'^[A-Za-z][A-Za-z0-9+.-]*://([^/:?#]+)'`;
const REFRESH_SESSION_FACTS = `
WITH coded AS (
  SELECT session_id, event_timestamp, client_timestamp, event_id, user_login_state,
    CASE event_name WHEN 'page_view' THEN 'a' WHEN 'product_view' THEN 'b' WHEN 'add_to_cart' THEN 'c'
      WHEN 'checkout_start' THEN 'd' WHEN 'checkout_complete' THEN 'e' END AS code
  FROM clickstream_events WHERE session_id = ANY($1::text[]) AND ${SHOPPER_EVENT}
), paths AS (
  SELECT session_id,
    coalesce(string_agg(code, '' ORDER BY event_timestamp, client_timestamp, code COLLATE "C", event_id), '') AS path,
    bool_or(user_login_state = 'logged_in') AS signed_in
  FROM coded GROUP BY session_id
)
UPDATE clickstream_sessions s SET
  funnel_step = CASE WHEN p.path ~ 'a.*b.*c.*d.*e' THEN 5 WHEN p.path ~ 'a.*b.*c.*d' THEN 4 WHEN p.path ~ 'a.*b.*c' THEN 3
    WHEN p.path ~ 'a.*b' THEN 2 WHEN p.path ~ 'a' THEN 1 ELSE 0 END,
  login_state = CASE WHEN p.signed_in THEN 'logged_in' ELSE 'anonymous' END,
  referrer_host = lower(substring(s.referrer FROM ${URL_HOST})),
  channel = clickstream_channel(lower(substring(s.referrer FROM ${URL_HOST})), lower(substring(s.landing_url FROM ${URL_HOST})),
    s.utm_source, s.utm_medium)
FROM paths p WHERE s.session_id = p.session_id`;

// Views, adds and the latest name and category from product events; checkouts from the carts of
// checkout_start; units and revenue from the items of each distinct order (migration 0012).
const REFRESH_SESSION_PRODUCTS = `
WITH ordered AS (
  SELECT session_id, event_id, event_name, context_product_id, context_product_name, context_product_category, order_id, cart,
    row_number() OVER (PARTITION BY session_id ORDER BY event_timestamp, client_timestamp, event_id) AS rn
  FROM clickstream_events WHERE session_id = ANY($1::text[]) AND ${SHOPPER_EVENT}
), touched AS (
  SELECT session_id, context_product_id AS product_id,
    (array_agg(context_product_name ORDER BY rn DESC) FILTER (WHERE context_product_name IS NOT NULL))[1] AS name,
    (array_agg(context_product_category ORDER BY rn DESC) FILTER (WHERE context_product_category IS NOT NULL))[1] AS category,
    count(*) FILTER (WHERE event_name = 'product_view') AS views,
    count(*) FILTER (WHERE event_name = 'add_to_cart') AS add_to_carts
  FROM ordered WHERE event_name IN ('product_view', 'add_to_cart') AND context_product_id IS NOT NULL
  GROUP BY session_id, context_product_id
), checked AS (
  SELECT c.session_id, i.product_id, count(DISTINCT c.event_id) AS checkouts
  FROM ordered c CROSS JOIN LATERAL jsonb_to_recordset(c.cart -> 'items') AS i(product_id text)
  WHERE c.event_name = 'checkout_start' AND c.cart IS NOT NULL AND i.product_id IS NOT NULL
  GROUP BY c.session_id, i.product_id
), distinct_orders AS (
  SELECT DISTINCT ON (session_id, order_id) session_id, cart
  FROM ordered WHERE event_name = 'checkout_complete' AND order_id IS NOT NULL AND cart IS NOT NULL
  ORDER BY session_id, order_id, rn
), sold AS (
  SELECT o.session_id, i.product_id, sum(i.quantity) AS units, sum(i.quantity * i.unit_price) AS revenue
  FROM distinct_orders o CROSS JOIN LATERAL jsonb_to_recordset(o.cart -> 'items') AS i(product_id text, quantity integer, unit_price numeric)
  GROUP BY o.session_id, i.product_id
), pairs AS (
  SELECT session_id, product_id FROM touched UNION SELECT session_id, product_id FROM checked UNION SELECT session_id, product_id FROM sold
)
INSERT INTO clickstream_session_products (session_id, product_id, started_at, name, category, views, add_to_carts, checkouts, units_sold, revenue)
SELECT s.session_id, p.product_id, s.started_at, t.name, t.category, coalesce(t.views, 0), coalesce(t.add_to_carts, 0),
  coalesce(c.checkouts, 0), coalesce(o.units, 0), coalesce(o.revenue, 0)
FROM pairs p
JOIN clickstream_sessions s ON s.session_id = p.session_id
LEFT JOIN touched t ON t.session_id = p.session_id AND t.product_id = p.product_id
LEFT JOIN checked c ON c.session_id = p.session_id AND c.product_id = p.product_id
LEFT JOIN sold o ON o.session_id = p.session_id AND o.product_id = p.product_id`;

const REFRESH_SESSION_SEARCHES = `
INSERT INTO clickstream_session_searches (session_id, term, started_at, searches, zero_results)
SELECT e.session_id, lower(btrim(e.search_term, E' \\t\\r\\n')) AS term, s.started_at, count(*), count(*) FILTER (WHERE e.result_count = 0)
FROM clickstream_events e JOIN clickstream_sessions s ON s.session_id = e.session_id
WHERE e.session_id = ANY($1::text[]) AND e.event_name = 'search' AND clickstream_is_shopper_path(e.page_path) AND btrim(e.search_term, E' \\t\\r\\n') <> ''
GROUP BY e.session_id, term, s.started_at`;

/**
 * Recomputes shopper_identities for the touched clients, then clickstream_sessions for the touched
 * sessions (dropping those with no shopper event) and for every earlier session of a client whose stitched user changed, with their insights
 * pre-aggregates (funnel step, products, searches). Call it in the transaction that inserted the
 * events, so readers never see rows without their sessions.
 */
export async function refreshDerived(client: pg.PoolClient, touched: Touched): Promise<void> {
  const restitched = touched.clientIds.length
    ? (await client.query<{ client_id: string }>(REFRESH_IDENTITIES, [touched.clientIds])).rows.map((r) => r.client_id)
    : [];
  const earlier = restitched.length
    ? (await client.query<{ session_id: string }>('SELECT session_id FROM clickstream_sessions WHERE client_id = ANY($1::text[])', [restitched])).rows
    : [];
  const sessionIds = [...new Set([...touched.sessionIds, ...earlier.map((r) => r.session_id)])];
  if (!sessionIds.length) return;
  await client.query(DROP_ANALYST_SESSIONS, [sessionIds]);
  await client.query(REFRESH_SESSIONS, [sessionIds]);
  await client.query(REFRESH_SESSION_FACTS, [sessionIds]);
  await client.query('DELETE FROM clickstream_session_products WHERE session_id = ANY($1::text[])', [sessionIds]);
  await client.query(REFRESH_SESSION_PRODUCTS, [sessionIds]);
  await client.query('DELETE FROM clickstream_session_searches WHERE session_id = ANY($1::text[])', [sessionIds]);
  await client.query(REFRESH_SESSION_SEARCHES, [sessionIds]);
}
