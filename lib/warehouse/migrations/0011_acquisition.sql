-- Acquisition (docs/insights.md): each session's landing URL, its UTM values and its channel; and
-- the analyst rule: events on /insights or under it are not shopper activity, so sessions are
-- derived from the other events only, and a session with nothing else has no row.

-- The analyst rule, in one place for derive.ts and any query. An event without a path is a shopper's.
CREATE OR REPLACE FUNCTION clickstream_is_shopper_path(page_path TEXT) RETURNS BOOLEAN
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT page_path IS NULL OR NOT (page_path = '/insights' OR starts_with(page_path, '/insights/'))
$$;

-- One query parameter of a URL, percent-decoded ('+' is a space), trimmed; null when absent or
-- empty. A value that is not valid percent-encoded UTF-8 is kept as sent.
CREATE OR REPLACE FUNCTION clickstream_url_param(url TEXT, name TEXT) RETURNS TEXT
LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS $$
DECLARE
  raw TEXT := replace(substring(url FROM '[?&]' || name || '=([^&#]*)'), '+', ' ');
  bytes BYTEA := '';
  part TEXT;
BEGIN
  IF raw IS NULL THEN RETURN NULL; END IF;
  IF position('%' IN raw) > 0 THEN
    BEGIN
      FOR part IN SELECT (regexp_matches(raw, '%[0-9A-Fa-f]{2}|[^%]+|%', 'g'))[1] LOOP
        bytes := bytes || CASE WHEN part ~ '^%[0-9A-Fa-f]{2}$' THEN decode(substring(part FROM 2), 'hex') ELSE convert_to(part, 'UTF8') END;
      END LOOP;
      raw := convert_from(bytes, 'UTF8');
    EXCEPTION WHEN OTHERS THEN
      NULL; -- not UTF-8 once decoded: keep the value as sent
    END;
  END IF;
  RETURN nullif(btrim(raw), '');
END $$;

-- The channel of a session, from the first matching rule (the table in docs/insights.md). UTM values
-- compare lower-cased; a referrer from the landing page's own host is internal, so not a referral.
CREATE OR REPLACE FUNCTION clickstream_channel(referrer_host TEXT, landing_host TEXT, utm_source TEXT, utm_medium TEXT) RETURNS TEXT
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT CASE
    WHEN medium ~ '^(cpc|ppc|cpm|cpv|paid|paid[_ -]?(search|social)|display|banner|retargeting|affiliate)$' THEN 'paid'
    WHEN medium ~ '^(e[_ -]?mail|newsletter)$' OR source ~ '^(e[_ -]?mail|newsletter)$'
      OR (medium IS NULL AND host ~ '(^|\.)(mail\.google\.com|outlook\.live\.com|outlook\.office\.com|mail\.yahoo\.com)$') THEN 'email'
    WHEN medium ~ '^(social|social[_ -]?(media|network)|sm)$'
      OR (medium IS NULL AND source ~ '^(facebook|fb|instagram|ig|pinterest|twitter|x|linkedin|reddit|tiktok|youtube|threads)$')
      OR (medium IS NULL AND host ~ '(^|\.)(facebook\.com|fb\.com|instagram\.com|pinterest\.[a-z.]+|t\.co|twitter\.com|x\.com|linkedin\.com|lnkd\.in|reddit\.com|tiktok\.com|youtube\.com|threads\.net)$') THEN 'social'
    WHEN medium = 'organic'
      OR (medium IS NULL AND source ~ '^(google|bing|duckduckgo|yahoo|yandex|baidu|ecosia|brave)$')
      OR (medium IS NULL AND host ~ '(^|\.)(google\.[a-z.]+|bing\.com|duckduckgo\.com|yahoo\.com|yandex\.[a-z.]+|baidu\.com|ecosia\.org|search\.brave\.com)$') THEN 'organic_search'
    WHEN medium IS NOT NULL OR source IS NOT NULL OR host IS NOT NULL THEN 'referral'
    ELSE 'direct'
  END
  FROM (SELECT lower(utm_medium) AS medium, lower(utm_source) AS source,
    CASE WHEN referrer_host IS DISTINCT FROM landing_host THEN referrer_host END AS host) AS s
$$;

ALTER TABLE clickstream_sessions
  ADD COLUMN IF NOT EXISTS landing_url TEXT,
  ADD COLUMN IF NOT EXISTS utm_source TEXT,
  ADD COLUMN IF NOT EXISTS utm_medium TEXT,
  ADD COLUMN IF NOT EXISTS utm_campaign TEXT,
  ADD COLUMN IF NOT EXISTS channel TEXT NOT NULL DEFAULT 'direct';

-- Sessions to derive again from their events, drained by the next load before it reads new files
-- (lib/warehouse/rederive.ts), a few thousand per transaction. A later migration that changes how
-- sessions are derived queues them here too.
CREATE TABLE IF NOT EXISTS clickstream_rederive (session_id TEXT PRIMARY KEY);

-- The backfill: every session loaded so far gains its landing page, UTM values and channel, and
-- the analysts' own /insights events leave it (a session of nothing else goes).
INSERT INTO clickstream_rederive (session_id) SELECT session_id FROM clickstream_sessions ON CONFLICT DO NOTHING;
