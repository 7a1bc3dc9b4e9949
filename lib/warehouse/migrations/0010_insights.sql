-- Pre-aggregates for the insights reports (docs/insights.md), kept by refreshDerived in the same
-- transaction as the sessions: every report then reads session-level rows of the sessions that
-- started in its range, never the raw events.

-- How far the session went down the funnel in order (0 = no page_view, 5 = checkout_complete after
-- the four steps before it); whether it was signed in; its first referrer's host.
ALTER TABLE clickstream_sessions
  ADD COLUMN IF NOT EXISTS funnel_step SMALLINT NOT NULL DEFAULT 0,
  ADD COLUMN IF NOT EXISTS login_state TEXT,
  ADD COLUMN IF NOT EXISTS referrer_host TEXT;

-- One row per session and product it viewed, added to its cart or bought. `started_at` is the
-- session's, copied so that a range reads this table alone.
CREATE TABLE IF NOT EXISTS clickstream_session_products (
  session_id TEXT NOT NULL,
  product_id TEXT NOT NULL,
  started_at TIMESTAMPTZ NOT NULL,
  name TEXT,
  views INTEGER NOT NULL,
  add_to_carts INTEGER NOT NULL,
  units_sold INTEGER NOT NULL,
  revenue NUMERIC(12,2) NOT NULL,
  PRIMARY KEY (session_id, product_id)
);
CREATE INDEX IF NOT EXISTS clickstream_session_products_started_idx ON clickstream_session_products (started_at);

-- One row per session and search term (lower-cased, trimmed).
CREATE TABLE IF NOT EXISTS clickstream_session_searches (
  session_id TEXT NOT NULL,
  term TEXT NOT NULL,
  started_at TIMESTAMPTZ NOT NULL,
  searches INTEGER NOT NULL,
  zero_results INTEGER NOT NULL,
  PRIMARY KEY (session_id, term)
);
CREATE INDEX IF NOT EXISTS clickstream_session_searches_started_idx ON clickstream_session_searches (started_at);
