import pg from 'pg';
import { ConfigError, type SourceConfig, type WarehouseConfig } from './config';
import { startEmbeddedPostgres } from './embedded';
import { FolderSource } from './folder-source';
import { S3Source } from './s3-source';
import type { EventSource } from './source';

export type OpenWarehouse = { pool: pg.Pool; url: string; close(): Promise<void> };

export function createSource(source: SourceConfig, concurrency: number): EventSource {
  return source.kind === 's3' ? new S3Source({ ...source, maxSockets: concurrency }) : new FolderSource(source.dir);
}

/**
 * Connects to DATABASE_URL, or starts the embedded PostgreSQL when it is unset; `close` ends the
 * pool and stops a server it started. A database that cannot be reached is a ConfigError naming the setting.
 */
export async function openWarehouse(config: WarehouseConfig): Promise<OpenWarehouse> {
  let stopServer = async () => {};
  let url = config.databaseUrl;
  const setting = url ? 'DATABASE_URL' : 'WAREHOUSE_PG_PORT or WAREHOUSE_PG_DIR';
  if (!url) {
    try {
      const server = await startEmbeddedPostgres(config.embedded);
      url = server.url;
      stopServer = server.stop;
    } catch (cause) {
      throw new ConfigError(`${(cause as Error).message} (set ${setting}, or DATABASE_URL for a server of your own)`);
    }
  }
  const pool = new pg.Pool({ connectionString: url, max: 4, connectionTimeoutMillis: 10_000 });
  // An idle connection dropped by the server must not crash the process; the next query reconnects.
  pool.on('error', () => {});
  const close = async () => {
    await pool.end();
    await stopServer();
  };
  try {
    await pool.query('SELECT 1');
  } catch (cause) {
    await close();
    const where = new URL(url);
    throw new ConfigError(`cannot connect to PostgreSQL at ${where.host}${where.pathname}: ${(cause as Error).message} (check ${setting})`);
  }
  return { pool, url, close };
}
