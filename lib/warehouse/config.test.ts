import { describe, expect, it } from 'vitest';
import { ConfigError, readWarehouseConfig } from './config';

describe('readWarehouseConfig', () => {
  it('runs with nothing set: embedded PostgreSQL, the ingestion folder, a 3-day lookback', () => {
    expect(readWarehouseConfig({})).toEqual({
      databaseUrl: null,
      embedded: { dir: '.data/postgres', port: 54329 },
      source: { kind: 'folder', dir: '.data/clickstream' },
      lookbackDays: 3,
      concurrency: 64,
      loopIntervalMs: 2000,
    });
  });

  it('reads the bucket the ingestion writes to, with its region and endpoint', () => {
    const config = readWarehouseConfig({ CLICKSTREAM_S3_BUCKET: 'events', CLICKSTREAM_S3_ENDPOINT: 'http://127.0.0.1:4568', WAREHOUSE_LOOKBACK_DAYS: '0' });
    expect(config.source).toEqual({ kind: 's3', bucket: 'events', region: undefined, endpoint: 'http://127.0.0.1:4568' });
    expect(config.lookbackDays).toBe(0);
  });

  it.each([
    ['DATABASE_URL', 'mysql://x'],
    ['WAREHOUSE_PG_PORT', '70000'],
    ['WAREHOUSE_LOOKBACK_DAYS', '-1'],
    ['WAREHOUSE_LOAD_CONCURRENCY', 'lots'],
    ['WAREHOUSE_LOAD_INTERVAL_SECONDS', '1.5'],
  ])('names %s when it is invalid', (name, value) => {
    expect(() => readWarehouseConfig({ [name]: value })).toThrow(ConfigError);
    expect(() => readWarehouseConfig({ [name]: value })).toThrow(name);
  });
});
