-- The warehouse contract's tables (version 1). One row per stored event, the rows the loader could
-- not take, and the two tables derived from the events after every load.

CREATE TABLE IF NOT EXISTS clickstream_events (
  -- The original workshop's 16 columns, in its order, so queries written against it still run.
  event_id UUID PRIMARY KEY,
  event_timestamp TIMESTAMPTZ NOT NULL,
  event_name TEXT NOT NULL,
  user_id TEXT,
  user_login_state TEXT,
  identity_source TEXT,
  client_id TEXT,
  session_id TEXT,
  is_first_visit BOOLEAN,
  context_product_id TEXT,
  context_product_name TEXT,
  context_product_category TEXT,
  context_product_brand TEXT,
  context_product_price NUMERIC(12,2),
  context_product_discount_price NUMERIC(12,2),
  context_product_url_path TEXT,
  -- Every other field of the stored event.
  client_timestamp TIMESTAMPTZ,
  page_url TEXT,
  page_path TEXT,
  page_title TEXT,
  referrer TEXT,
  language TEXT,
  timezone TEXT,
  currency TEXT,
  order_id TEXT,
  search_term TEXT,
  request_id TEXT,
  source_ip TEXT,
  user_agent TEXT,
  browser TEXT,
  os TEXT,
  device_type TEXT,
  country TEXT,
  screen_width INTEGER,
  screen_height INTEGER,
  quantity INTEGER,
  result_count INTEGER,
  cart JSONB,
  identity_verified BOOLEAN NOT NULL,
  schema_version SMALLINT NOT NULL,
  -- The loader's own, and two conveniences derived from `cart`.
  source_key TEXT NOT NULL,
  loaded_at TIMESTAMPTZ NOT NULL DEFAULT now(),
  cart_value NUMERIC(12,2),
  cart_item_count INTEGER
);
-- The derived tables are recomputed per session and per client after each load.
CREATE INDEX IF NOT EXISTS clickstream_events_session_idx ON clickstream_events (session_id);
CREATE INDEX IF NOT EXISTS clickstream_events_client_idx ON clickstream_events (client_id);
CREATE INDEX IF NOT EXISTS clickstream_events_time_idx ON clickstream_events (event_timestamp);

CREATE TABLE IF NOT EXISTS clickstream_load_errors (
  source_key TEXT PRIMARY KEY,
  error TEXT NOT NULL,
  seen_at TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE TABLE IF NOT EXISTS shopper_identities (
  client_id TEXT PRIMARY KEY,
  user_id TEXT NOT NULL,
  first_seen TIMESTAMPTZ NOT NULL,
  last_seen TIMESTAMPTZ NOT NULL
);

CREATE TABLE IF NOT EXISTS clickstream_sessions (
  session_id TEXT PRIMARY KEY,
  client_id TEXT,
  user_id TEXT,
  started_at TIMESTAMPTZ NOT NULL,
  ended_at TIMESTAMPTZ NOT NULL,
  duration_s INTEGER NOT NULL,
  events INTEGER NOT NULL,
  page_views INTEGER NOT NULL,
  product_views INTEGER NOT NULL,
  add_to_carts INTEGER NOT NULL,
  checkouts INTEGER NOT NULL,
  orders INTEGER NOT NULL,
  revenue NUMERIC(12,2) NOT NULL,
  entry_path TEXT,
  exit_path TEXT,
  referrer TEXT,
  device_type TEXT,
  browser TEXT,
  os TEXT,
  country TEXT,
  converted BOOLEAN NOT NULL
);
-- Every insights report selects the sessions that started in a range.
CREATE INDEX IF NOT EXISTS clickstream_sessions_started_idx ON clickstream_sessions (started_at);
CREATE INDEX IF NOT EXISTS clickstream_sessions_client_idx ON clickstream_sessions (client_id);
