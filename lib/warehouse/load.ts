import { setImmediate } from 'node:timers/promises';
import type pg from 'pg';
import type { Logger } from '@/lib/ingest/log';
import { dayOfKey, dayPrefix, shiftDay, type Day } from './days';
import { migrate } from './migrate';
import { readAhead, semaphore } from './flow';
import { rederiveQueued } from './rederive';
import type { FileResult } from './read';
import { readObject, readSlots } from './read-object';
import type { EventSource } from './source';
import { lowerCheckpoint, readCheckpoint, unreadKeys } from './state';
import { findUnlisted, type Unlisted } from './unlisted';
import { LoadTransaction, type BatchCounts } from './write-batch';

/** What an adapter hands the loader: nothing here is specific to a CLI, `npm run dev` or Lambda. */
export type LoadDeps = {
  source: EventSource;
  /** Needs two free connections: one holds the load lock and writes, one checks keys. */
  db: pg.Pool;
  clock: () => Date;
  log: Logger;
};

export type LoadOptions = {
  /** Days before the checkpoint listed again for late files. */
  lookbackDays: number;
  /** Lists from this day instead when it is earlier (null: every day), for files stored into days long read. */
  from?: Day | null;
  /** Files (or batched objects) read at once. */
  concurrency: number;
  /** Events per COPY. */
  batchSize?: number;
  /** Events per transaction: sessions touched by several batches are derived once per transaction. */
  commitEvery?: number;
  /** How often a long load logs its progress. */
  progressEveryMs?: number;
};

export type LoadResult = BatchCounts & {
  filesRead: number;
  newestEventAt: Date | null;
  /** Files this load did not list, in days older than its window that no load has read from. */
  unlisted: Unlisted | null;
};

const WRITES_AHEAD = 4;

// Held for a whole run, so a second loader waits for the first and then finds nothing new.
const LOAD_LOCK = 7_301_002;

/** The contract's last line of a load. */
export function formatLoadResult(result: LoadResult): string {
  return `warehouse: ${result.new} new, ${result.duplicate} duplicate, ${result.bad} bad, ${result.filesRead} files read`;
}

/** The warning for files a load did not list; each adapter adds how to load them where it runs. */
export function formatUnlisted({ before, days, files, oldest }: Unlisted): string {
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  return `warehouse: ${plural(files, 'file')} in ${plural(days, 'day')} before ${before} (from ${oldest}) were not read: a load lists only from its checkpoint minus WAREHOUSE_LOOKBACK_DAYS`;
}

/**
 * For a writer that stored files into `day` and later after loads went past it (demo traffic):
 * moves the checkpoint back, so the next load lists from there. Waits for a load in progress,
 * which would otherwise move it forward again. Returns the checkpoint it moved, or null.
 */
export async function reopenDays(db: pg.Pool, source: string, day: Day, now = new Date()): Promise<Day | null> {
  await migrate(db);
  const client = await db.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [LOAD_LOCK]);
    return await lowerCheckpoint(client, source, day, now);
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [LOAD_LOCK]).catch(() => {});
    client.release();
  }
}

/** One load: migrates, then reads every file not read before from the checkpoint's lookback on. */
export async function runLoad(deps: LoadDeps, options: LoadOptions): Promise<LoadResult> {
  await migrate(deps.db);
  const client = await deps.db.connect();
  // A connection that dies mid-load fails the load (its queries reject); it must not crash the process.
  const onError = () => {};
  client.on('error', onError);
  let failed = false;
  try {
    await client.query('SELECT pg_advisory_lock($1)', [LOAD_LOCK]);
    await rederiveQueued(client, deps.log);
    const checkpoint = await readCheckpoint(client, deps.source.id);
    const window = checkpoint && shiftDay(checkpoint, -options.lookbackDays);
    // `from` only ever widens the window; null lists every day.
    const from = window && options.from !== null ? [window, options.from ?? window].sort()[0] : null;
    const counts = await loadDays(deps, options, client, from);
    const unlisted = from && (await findUnlisted(deps.source, client, from));
    const { rows } = await client.query<{ newest: Date | null }>('SELECT max(event_timestamp) AS newest FROM clickstream_events');
    await client.query('SELECT pg_advisory_unlock($1)', [LOAD_LOCK]);
    return { ...counts, newestEventAt: rows[0].newest, unlisted: unlisted || null };
  } catch (cause) {
    failed = true;
    throw cause;
  } finally {
    // A failed run's connection is closed, not reused: that also drops its lock and any open transaction.
    // (It keeps its error listener: a dying socket may still report.)
    if (!failed) client.off('error', onError);
    client.release(failed);
  }
}

/**
 * Reads up to `concurrency` files at once while the batches before are written, so reading and
 * writing overlap; at most WRITES_AHEAD batches wait for the database, so memory stays bounded.
 * Batches go in by COPY inside a transaction that commits every `commitEvery` files and at the end.
 */
async function loadDays(deps: LoadDeps, options: LoadOptions, client: pg.PoolClient, from: Day | null) {
  const { source, db, clock, log } = deps;
  const batchSize = options.batchSize ?? 2000;
  const commitEvery = options.commitEvery ?? 20_000;
  const totals = { new: 0, duplicate: 0, bad: 0, filesRead: 0 };
  const unbatched = new Map<Day, number>(); // files read or being read, not yet in a batch
  const transaction = new LoadTransaction(client, source.id, clock);
  const started = clock().getTime();
  let lastProgress = started;
  let batch: FileResult[] = [];
  let done: string[] = []; // the files whose last results are in `batch`
  let inTransaction = { files: 0, newest: '' };
  let writing = Promise.resolve();
  let failure: unknown = null; // stops reading; what was read is still written
  let writeFailure: unknown = null; // stops writing too: the transaction is lost
  const slots = semaphore(options.concurrency);
  let dispatched = 0;

  const commit = async (checkpoint: Day) => {
    const counts = await transaction.commit(checkpoint);
    totals.new += counts.new;
    totals.duplicate += counts.duplicate;
    totals.bad += counts.bad;
    totals.filesRead += counts.files;
    const now = clock().getTime();
    if (now - lastProgress >= (options.progressEveryMs ?? 5000)) {
      lastProgress = now;
      const rate = Math.round((totals.filesRead * 1000) / Math.max(1, now - started));
      log('info', `warehouse: ${totals.filesRead} files loaded so far (${rate}/s), ${totals.new} new, up to ${checkpoint}`);
    }
  };
  // Batches queue for the one connection, at most WRITES_AHEAD of them, so that a long commit
  // (the derived tables) does not stop reading.
  const queued: Promise<void>[] = [];
  const flush = async (last: boolean) => {
    while (queued.length >= WRITES_AHEAD) await queued.shift();
    if (writeFailure) throw writeFailure;
    const [files, filesDone] = [batch, done];
    [batch, done] = [[], []];
    for (const key of filesDone) {
      count(unbatched, dayOfKey(key), -1);
      if (dayOfKey(key) > inTransaction.newest) inTransaction.newest = dayOfKey(key);
    }
    inTransaction.files += files.length;
    // Every day before the checkpoint must be whole: not past a day that still has files in flight
    // (a batched object is in flight until its last line; a transaction may hold only lines of one).
    const checkpoint = last || inTransaction.files >= commitEvery ? [...unbatched.keys(), inTransaction.newest].filter(Boolean).sort()[0] : null;
    if (checkpoint !== null) inTransaction = { files: 0, newest: '' };
    writing = writing
      .then(() => ((files.length || filesDone.length) && !writeFailure ? transaction.add(files, filesDone) : undefined))
      .then(() => (checkpoint !== null && !writeFailure ? commit(checkpoint) : undefined))
      .catch((cause) => {
        writeFailure ??= cause;
        failure ??= cause;
      });
    queued.push(writing);
  };
  // One flush at a time: whoever finds the batch full (this loop, or a batched object handing on
  // its lines as it reads them) waits for it, so that a big object cannot run ahead of the database.
  let flushing: Promise<void> | null = null;
  const makeRoom = async () => {
    while (batch.length >= batchSize) await (flushing ??= flush(false).finally(() => (flushing = null)));
  };
  const take = (results: FileResult[], finished: string | null) => {
    batch.push(...results);
    if (finished !== null) done.push(finished);
    return makeRoom();
  };

  try {
    for await (const { day, keys } of readAhead(unreadPages(source, db, from), 4)) {
      for (const key of keys) {
        await makeRoom();
        const weight = readSlots(key, options.concurrency);
        await slots.acquire(weight);
        if (failure) {
          slots.release(weight);
          break;
        }
        count(unbatched, day, 1);
        // Reads may complete at once (the folder's are blocking): let the database's answers in.
        if (++dispatched % 32 === 0) await setImmediate();
        readObject(source, key, take).catch((cause) => void (failure ??= cause)).finally(() => slots.release(weight));
      }
      if (failure) break;
    }
  } catch (cause) {
    failure ??= cause; // the listing (or the writing) failed; what was read is still written if it can be
  }
  await slots.drain();
  await flush(true);
  await Promise.all(queued);
  if (failure) throw failure;
  return totals;
}

function count(map: Map<Day, number>, day: Day, delta: number) {
  const next = (map.get(day) ?? 0) + delta;
  if (next) map.set(day, next);
  else map.delete(day);
}

/** The keys no load has read yet, a listing page at a time, day after day. */
async function* unreadPages(source: EventSource, db: pg.Pool, from: Day | null): AsyncGenerator<{ day: Day; keys: string[] }> {
  for await (const day of source.days(from)) {
    for await (const page of source.keys(dayPrefix(day))) {
      const keys = await unreadKeys(db, source.id, page);
      if (keys.length) yield { day, keys };
    }
  }
}
