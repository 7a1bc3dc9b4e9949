import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import type pg from 'pg';

/** Beside this module in the source tree, and beside the bundle in a Lambda build (copied there). */
export const MIGRATIONS_DIR = fileURLToPath(new URL('./migrations/', import.meta.url));

// One number for every loader and deploy, so two starting at once apply each file once.
const MIGRATION_LOCK = 7_301_001;

/**
 * Applies the numbered .sql files not yet recorded in `warehouse_migrations`, in name order, each in
 * its own transaction. Safe to call on every start; returns the names it applied.
 */
export async function migrate(db: pg.Pool | pg.PoolClient, dir = MIGRATIONS_DIR): Promise<string[]> {
  const client = 'release' in db ? db : await db.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    await client.query(
      'CREATE TABLE IF NOT EXISTS warehouse_migrations (name TEXT PRIMARY KEY, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())',
    );
    const done = new Set((await client.query<{ name: string }>('SELECT name FROM warehouse_migrations')).rows.map((r) => r.name));
    const pending = fs.readdirSync(dir).filter((name) => name.endsWith('.sql') && !done.has(name)).sort();
    for (const name of pending) {
      await client.query('BEGIN');
      try {
        await client.query(fs.readFileSync(`${dir}/${name}`, 'utf8'));
        await client.query('INSERT INTO warehouse_migrations (name) VALUES ($1)', [name]);
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK');
        throw new Error(`migration ${name} failed: ${(error as Error).message}`);
      }
    }
    return pending;
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => {});
    if (client !== db) client.release();
  }
}
