-- A batched object (one stored event per line, from the stream transport) can hold many bad lines:
-- each is recorded under the object's key with its line number. A bad event file, or an object
-- refused as a whole (its gzip data cut short), keeps a null line: one row per key as before.
ALTER TABLE clickstream_load_errors ADD COLUMN line INTEGER;
ALTER TABLE clickstream_load_errors DROP CONSTRAINT clickstream_load_errors_pkey;
ALTER TABLE clickstream_load_errors ADD CONSTRAINT clickstream_load_errors_key_line UNIQUE NULLS NOT DISTINCT (source_key, line);

COMMENT ON COLUMN clickstream_load_errors.line IS 'The bad line of a batched object, from 1; null for an event file, or an object refused as a whole.';
