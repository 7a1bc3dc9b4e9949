// The end-to-end run's warehouse: an embedded PostgreSQL with an empty clickstream_dw, kept up until
// Playwright stops it (SIGTERM). Usage: tsx scripts/warehouse-server.ts --dir .data/e2e-postgres --port 54339
import { parseArgs } from 'node:util';
import pg from 'pg';
import { startEmbeddedPostgres } from '@/lib/warehouse/embedded';
import { WAREHOUSE_DATABASE } from '@/lib/warehouse/embedded-url';

const { values } = parseArgs({ options: { dir: { type: 'string', default: '.data/e2e-postgres' }, port: { type: 'string', default: '54339' } } });

// The server may be one an earlier run left behind: reuse it, but start from an empty database.
const server = await startEmbeddedPostgres({ dir: values.dir!, port: Number(values.port), database: 'postgres' });
const admin = new pg.Client({ connectionString: server.url });
await admin.connect();
await admin.query(`DROP DATABASE IF EXISTS ${WAREHOUSE_DATABASE} WITH (FORCE)`);
await admin.query(`CREATE DATABASE ${WAREHOUSE_DATABASE}`);
await admin.end();
console.log(`[warehouse] PostgreSQL on 127.0.0.1:${values.port}, database ${WAREHOUSE_DATABASE} emptied for this run`);

let stopping = false;
const stop = async () => {
  if (stopping) return;
  stopping = true;
  await server.stop().catch(() => {});
  process.exit(0);
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
// Nothing else holds the event loop open while the server runs.
setInterval(() => {}, 60_000);
