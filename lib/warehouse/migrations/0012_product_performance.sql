-- Product performance (docs/insights.md): each session's products gain their category and how many
-- of the session's checkout_start carts held them. A product that is only in a checkout's cart (added
-- in an earlier session) gets a row of its own, with no views, adds or units. Kept by refreshDerived;
-- the statements below backfill the sessions already loaded, with the same definitions.
ALTER TABLE clickstream_session_products
  ADD COLUMN IF NOT EXISTS category TEXT,
  ADD COLUMN IF NOT EXISTS checkouts INTEGER NOT NULL DEFAULT 0;

-- The latest category of the session's product events, in the contract's event order.
WITH categories AS (
  SELECT DISTINCT ON (session_id, context_product_id) session_id, context_product_id AS product_id, context_product_category AS category
  FROM clickstream_events
  WHERE event_name IN ('product_view', 'add_to_cart') AND context_product_id IS NOT NULL AND context_product_category IS NOT NULL
  ORDER BY session_id, context_product_id, event_timestamp DESC, client_timestamp DESC, event_id DESC
)
UPDATE clickstream_session_products p SET category = c.category
FROM categories c WHERE p.session_id = c.session_id AND p.product_id = c.product_id;

WITH checked AS (
  SELECT e.session_id, i.product_id, count(DISTINCT e.event_id) AS checkouts
  FROM clickstream_events e CROSS JOIN LATERAL jsonb_to_recordset(e.cart -> 'items') AS i(product_id text)
  WHERE e.event_name = 'checkout_start' AND e.cart IS NOT NULL AND i.product_id IS NOT NULL
  GROUP BY e.session_id, i.product_id
)
INSERT INTO clickstream_session_products (session_id, product_id, started_at, views, add_to_carts, units_sold, revenue, checkouts)
SELECT c.session_id, c.product_id, s.started_at, 0, 0, 0, 0, c.checkouts
FROM checked c JOIN clickstream_sessions s ON s.session_id = c.session_id
ON CONFLICT (session_id, product_id) DO UPDATE SET checkouts = excluded.checkouts;
