// A fresh, migrated database per test file on the run's one real PostgreSQL (see test-global-setup.ts).
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';
import { migrate } from './migrate';

export type TestDatabase = { url: string; pool: pg.Pool; close(): Promise<void> };

export async function freshDatabase(): Promise<TestDatabase> {
  const serverUrl = new URL(inject('warehouseServerUrl'));
  const name = `test_${randomUUID().replace(/-/g, '')}`;
  const admin = new pg.Client({ connectionString: serverUrl.href });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(serverUrl.href);
  url.pathname = `/${name}`;
  const pool = new pg.Pool({ connectionString: url.href, max: 4 });
  await migrate(pool);
  return {
    url: url.href,
    pool,
    close: async () => {
      await pool.end();
      const cleanup = new pg.Client({ connectionString: serverUrl.href });
      await cleanup.connect();
      await cleanup.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await cleanup.end();
    },
  };
}
