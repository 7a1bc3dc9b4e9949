import type pg from 'pg';
import { dayPrefix, shiftDay, type Day } from './days';

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

/** Moves the checkpoint back to `day` (never forward): files were stored there after loads went past it. */
export async function lowerCheckpoint(client: pg.PoolClient, source: string, day: Day, now: Date): Promise<Day | null> {
  // The CTE reads the row as it was before the update (one snapshot for the whole statement).
  const { rows } = await client.query<{ before: string }>(
    `WITH old AS (SELECT newest_day FROM clickstream_loader_checkpoints WHERE source = $1)
     UPDATE clickstream_loader_checkpoints SET newest_day = to_date($2, 'YYYY/MM/DD'), updated_at = $3
     WHERE source = $1 AND newest_day > to_date($2, 'YYYY/MM/DD')
     RETURNING (SELECT to_char(newest_day, 'YYYY/MM/DD') FROM old) AS before`,
    [source, day, now],
  );
  return rows[0]?.before ?? null;
}

/**
 * The days of `days` that no load has read a single file of. Each is one probe of the primary key
 * by range (from the day's folder to the next day's, which sorts the same in any collation: the
 * day is fixed-width digits), so a year of days costs a few milliseconds.
 */
export async function daysNeverRead(db: pg.Pool | pg.PoolClient, source: string, days: Day[]): Promise<Day[]> {
  const { rows } = await db.query<{ day: string }>(
    `SELECT d.day FROM unnest($2::text[], $3::text[], $4::text[]) AS d (day, low, high)
     WHERE NOT EXISTS (SELECT 1 FROM clickstream_loaded_files f WHERE f.source = $1 AND f.source_key >= d.low AND f.source_key < d.high)
     ORDER BY d.day`,
    [source, days, days.map(dayPrefix), days.map((day) => dayPrefix(shiftDay(day, 1)))],
  );
  return rows.map((row) => row.day);
}
