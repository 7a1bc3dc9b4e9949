import { ConfigError } from '../ingest/config';

export { ConfigError };

/** Where the warehouse lives. Without DATABASE_URL, an embedded PostgreSQL under .data/postgres. */
export type WarehouseConfig = {
  databaseUrl: string | null;
  embedded: { dir: string; port: number };
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
  return {
    databaseUrl,
    embedded: { dir: value('WAREHOUSE_PG_DIR') ?? '.data/postgres', port: port(env, 'WAREHOUSE_PG_PORT', DEFAULT_EMBEDDED_PORT) },
  };
}

function port(env: Env, name: string, fallback: number): number {
  const raw = env[name]?.trim();
  if (!raw) return fallback;
  const parsed = Number(raw);
  if (!Number.isInteger(parsed) || parsed < 1 || parsed > 65_535) throw new ConfigError(`${name} must be a port number (1-65535), got "${raw}"`);
  return parsed;
}
