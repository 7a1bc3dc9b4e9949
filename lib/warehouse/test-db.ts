// A fresh, migrated database per test file on the run's one real PostgreSQL (see test-global-setup.ts).
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';
import { MIGRATIONS_DIR, migrate } from './migrate';

export type TestDatabase = { url: string; pool: pg.Pool; close(): Promise<void> };

/** `migrations`: another folder of them, for a warehouse as an earlier version left it. */
export async function freshDatabase(migrations = MIGRATIONS_DIR): Promise<TestDatabase> {
  const serverUrl = new URL(inject('warehouseServerUrl'));
  const name = `test_${randomUUID().replace(/-/g, '')}`;
  const admin = new pg.Client({ connectionString: serverUrl.href });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(serverUrl.href);
  url.pathname = `/${name}`;
  const pool = new pg.Pool({ connectionString: url.href, max: 4 });
  await migrate(pool, migrations);
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
