import type pg from 'pg';
import type { Day } from './days';

/** The day the source's checkpoint stands at, or null before its first load. */
export async function readCheckpoint(db: pg.Pool | pg.PoolClient, source: string): Promise<Day | null> {
  const { rows } = await db.query<{ day: string }>(
    `SELECT to_char(newest_day, 'YYYY/MM/DD') AS day FROM clickstream_loader_checkpoints WHERE source = $1`,
    [source],
  );
  return rows[0]?.day ?? null;
}

/** The keys of `keys` that no earlier load has read. */
export async function unreadKeys(db: pg.Pool, source: string, keys: string[]): Promise<string[]> {
  const { rows } = await db.query<{ key: string }>(
    `SELECT key FROM unnest($2::text[]) AS key
     WHERE NOT EXISTS (SELECT 1 FROM clickstream_loaded_files f WHERE f.source = $1 AND f.source_key = key)`,
    [source, keys],
  );
  return rows.map((row) => row.key);
}

/** Marks files read, inside the transaction that loads them. */
export async function markRead(client: pg.PoolClient, source: string, keys: string[], now: Date): Promise<void> {
  await client.query(
    `INSERT INTO clickstream_loaded_files (source, source_key, read_at)
     SELECT $1, key, $3 FROM unnest($2::text[]) AS key ON CONFLICT DO NOTHING`,
    [source, keys, now],
  );
}

/** Keeps why each bad file (or line of a batched object) was refused; one seen bad again gets the latest reason. */
export async function recordErrors(client: pg.PoolClient, errors: { key: string; line?: number; error: string }[], now: Date): Promise<void> {
  if (!errors.length) return;
  await client.query(
    `INSERT INTO clickstream_load_errors (source_key, line, error, seen_at)
     SELECT key, line, error, $4 FROM unnest($1::text[], $2::int[], $3::text[]) AS e (key, line, error)
     ON CONFLICT (source_key, line) DO UPDATE SET error = excluded.error, seen_at = excluded.seen_at`,
    [errors.map((e) => e.key), errors.map((e) => e.line ?? null), errors.map((e) => e.error), now],
  );
}

/** Moves the checkpoint, never backwards, in the transaction that commits the files it covers. */
export async function recordCheckpoint(client: pg.PoolClient, source: string, checkpoint: Day, now: Date): Promise<void> {
  await client.query(
    `INSERT INTO clickstream_loader_checkpoints AS c (source, newest_day, updated_at)
     VALUES ($1, to_date($2, 'YYYY/MM/DD'), $3)
     ON CONFLICT (source) DO UPDATE SET newest_day = greatest(c.newest_day, excluded.newest_day), updated_at = excluded.updated_at`,
    [source, checkpoint, now],
  );
}
