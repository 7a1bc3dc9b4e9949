import { ConfigError, readIngestConfig } from '../ingest/config';

export { ConfigError };

/** The event store the loader reads: the ingestion's own setting, folder or bucket. */
export type SourceConfig =
  | { kind: 'folder'; dir: string }
  | { kind: 's3'; bucket: string; region: string | undefined; endpoint: string | undefined };

/** Where the warehouse lives (without DATABASE_URL, an embedded PostgreSQL under .data/postgres) and how it loads. */
export type WarehouseConfig = {
  databaseUrl: string | null;
  embedded: { dir: string; port: number };
  source: SourceConfig;
  lookbackDays: number;
  concurrency: number;
  loopIntervalMs: number;
};

type Env = Record<string, string | undefined>;

// Clear of a system PostgreSQL (5432) and of the store's own dev ports.
const DEFAULT_EMBEDDED_PORT = 54329;

export function readWarehouseConfig(env: Env = process.env): WarehouseConfig {
  const value = (name: string) => env[name]?.trim() || undefined;
  const databaseUrl = value('DATABASE_URL') ?? null;
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    throw new ConfigError('DATABASE_URL must be a postgres:// URL, e.g. postgres://user@127.0.0.1:5432/clickstream_dw');
  }
  // The loader reads where the ingestion writes: one reading of CLICKSTREAM_DATA_DIR and CLICKSTREAM_S3_*.
  const ingest = readIngestConfig(env);
  return {
    databaseUrl,
    embedded: { dir: value('WAREHOUSE_PG_DIR') ?? '.data/postgres', port: wholeNumber(env, 'WAREHOUSE_PG_PORT', DEFAULT_EMBEDDED_PORT, 1, 65_535) },
    source: ingest.s3 ? { kind: 's3', bucket: ingest.s3.bucket, region: ingest.s3.region, endpoint: ingest.s3.endpoint } : { kind: 'folder', dir: ingest.dataDir },
    lookbackDays: wholeNumber(env, 'WAREHOUSE_LOOKBACK_DAYS', 3, 0, 366),
    concurrency: wholeNumber(env, 'WAREHOUSE_LOAD_CONCURRENCY', 64, 1, 1024),
    // 0: `npm run dev` runs without the warehouse.
    loopIntervalMs: wholeNumber(env, 'WAREHOUSE_LOAD_INTERVAL_SECONDS', 2, 0, 86_400) * 1000,
  };
}

function wholeNumber(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name]?.trim();
  if (!raw) return fallback;
  const parsed = Number(raw);
  if (!Number.isInteger(parsed) || parsed < min || parsed > max) throw new ConfigError(`${name} must be a whole number from ${min} to ${max}, got "${raw}"`);
  return parsed;
}
