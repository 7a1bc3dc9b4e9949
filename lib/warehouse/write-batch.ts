import type pg from 'pg';
import { copyEvents, type StagedEvent } from './copy-rows';
import type { Day } from './days';
import { refreshDerived } from './derive';
import type { FileResult } from './read';
import { recordErrors, recordProgress } from './state';

export type BatchCounts = { new: number; duplicate: number; bad: number };

type Refused = { key: string; error: string };
type Acc = { inserted: number; sessionIds: Set<string>; clientIds: Set<string>; refused: Refused[] };

/**
 * One transaction per batch: the new rows, the bad files' reasons, the files marked read, the
 * checkpoint and the derived tables of the touched sessions and clients commit together or not at all.
 */
export async function writeBatch(client: pg.PoolClient, source: string, files: FileResult[], checkpoint: Day, now: Date): Promise<BatchCounts> {
  const good = files.filter((file): file is StagedEvent & FileResult => file.event !== undefined);
  const unreadable = files.flatMap((file) => (file.error === undefined ? [] : [{ key: file.key, error: file.error }]));
  const acc: Acc = { inserted: 0, sessionIds: new Set(), clientIds: new Set(), refused: [] };
  await client.query('BEGIN');
  try {
    await insertOrBisect(client, good, acc);
    await recordErrors(client, [...unreadable, ...acc.refused], now);
    await recordProgress(client, source, files.map((file) => file.key), checkpoint, now);
    await refreshDerived(client, { sessionIds: [...acc.sessionIds], clientIds: [...acc.clientIds] });
    await client.query('COMMIT');
  } catch (cause) {
    await client.query('ROLLBACK').catch(() => {});
    throw cause;
  }
  const bad = unreadable.length + acc.refused.length;
  return { new: acc.inserted, duplicate: good.length - acc.refused.length - acc.inserted, bad };
}

// A value that passed the schema but not PostgreSQL (an impossible date, a NUL character) fails the
// whole COPY: halve the batch until the refused file stands alone, and keep the rest.
async function insertOrBisect(client: pg.PoolClient, events: StagedEvent[], acc: Acc): Promise<void> {
  if (!events.length) return;
  await client.query('SAVEPOINT batch_rows');
  try {
    const result = await copyEvents(client, events);
    await client.query('RELEASE SAVEPOINT batch_rows');
    acc.inserted += result.inserted;
    result.sessionIds.forEach((id) => acc.sessionIds.add(id));
    result.clientIds.forEach((id) => acc.clientIds.add(id));
  } catch (cause) {
    if (!isRefusedValue(cause)) throw cause;
    await client.query('ROLLBACK TO SAVEPOINT batch_rows');
    await client.query('RELEASE SAVEPOINT batch_rows');
    if (events.length === 1) {
      acc.refused.push({ key: events[0].key, error: `PostgreSQL refused a value: ${(cause as Error).message}` });
      return;
    }
    const half = Math.ceil(events.length / 2);
    await insertOrBisect(client, events.slice(0, half), acc);
    await insertOrBisect(client, events.slice(half), acc);
  }
}

// SQLSTATE classes 22 (data exception) and 23 (integrity constraint): the data, not the database.
function isRefusedValue(error: unknown): boolean {
  const code = (error as { code?: unknown })?.code;
  return typeof code === 'string' && (code.startsWith('22') || code.startsWith('23'));
}
