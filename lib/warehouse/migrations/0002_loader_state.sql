-- The loader's own bookkeeping, one source (a folder's file:// URL or s3://bucket) at a time.

-- Every file the loader has read (loaded, duplicate or bad), so that no file is read twice: a
-- rerun lists the recent days and reads only the keys missing here.
CREATE TABLE clickstream_loaded_files (
  source TEXT NOT NULL,
  source_key TEXT NOT NULL,
  read_at TIMESTAMPTZ NOT NULL,
  PRIMARY KEY (source, source_key)
);

-- How far the loader has got: every day before `newest_day` has been read whole, so a run lists
-- only the days from `newest_day` minus the lookback window on.
CREATE TABLE clickstream_loader_checkpoints (
  source TEXT PRIMARY KEY,
  newest_day DATE NOT NULL,
  updated_at TIMESTAMPTZ NOT NULL
);
