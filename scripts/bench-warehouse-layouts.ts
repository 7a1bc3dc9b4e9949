// The two layouts of `npm run bench:warehouse`, side by side: per-event files, and the same events in
// batched gzip NDJSON objects as Firehose delivers them; and where a load's time goes in each.
import { gzipSync } from 'node:zlib';
import type { StoredEvent } from '@/lib/contract/events';
import { dayOfKey, dayPrefix } from '@/lib/warehouse/days';
import { eventKey } from '@/lib/ingest/layout';
import { semaphore } from '@/lib/warehouse/flow';
import { readObject } from '@/lib/warehouse/read-object';
import { isBatchKey, type EventSource } from '@/lib/warehouse/source';
import { LoadTransaction } from '@/lib/warehouse/write-batch';

export type Put = (key: string, body: string | Buffer) => Promise<void>;

/**
 * Times what the load's one database connection does (COPY, bookkeeping, derived tables, commits):
 * LoadTransaction's writes run one after the other, so their times add up without overlapping.
 * Returns the seconds so far.
 */
export function timeWrites(): () => number {
  let total = 0;
  for (const name of ['add', 'commit'] as const) {
    const original = LoadTransaction.prototype[name] as (...args: unknown[]) => Promise<unknown>;
    (LoadTransaction.prototype[name] as unknown) = async function (this: LoadTransaction, ...args: unknown[]) {
      const started = performance.now();
      try {
        return await original.apply(this, args);
      } finally {
        total += performance.now() - started;
      }
    };
  }
  return () => total / 1000;
}

/**
 * Writes `events` as gzip objects of `perObject` lines each, under the day of each event's own
 * `event_timestamp` (`events/YYYY/MM/DD/batch-bench-<n>.json.gz`); returns how many objects.
 */
export async function writeBatches(events: Iterable<StoredEvent>, perObject: number, put: Put): Promise<number> {
  const days = new Map<string, string[]>();
  let objects = 0;
  const write = async (day: string, lines: string[]) => {
    objects += 1;
    await put(`${dayPrefix(day)}batch-bench-${String(objects).padStart(6, '0')}.json.gz`, gzipSync(lines.join('')));
  };
  for (const event of events) {
    const day = dayOfKey(eventKey(event.event_id, new Date(event.event_timestamp)));
    const lines = days.get(day) ?? [];
    days.set(day, lines);
    lines.push(JSON.stringify(event) + '\n');
    if (lines.length >= perObject) {
      days.delete(day);
      await write(day, lines);
    }
  }
  for (const [day, lines] of days) await write(day, lines);
  return objects;
}

/** Seconds spent listing every key, reading every body, and parsing every body (from memory). */
export type Phases = { listing: number; reading: number; parsing: number; objects: number; events: number };

/**
 * The loader's own steps over the whole source, one after the other, `concurrency` reads at once
 * as in a load: listing (days and keys), reading (the bytes, kept in memory), parsing (from those
 * bytes, through the loader's own reader: gunzip, lines, JSON and the schema), so that the store's
 * speed does not blur the parsing.
 */
export async function profilePhases(source: EventSource, concurrency: number): Promise<Phases> {
  let started = performance.now();
  const lap = () => {
    const seconds = (performance.now() - started) / 1000;
    started = performance.now();
    return seconds;
  };
  const keys: string[] = [];
  for await (const day of source.days(null)) for await (const page of source.keys(dayPrefix(day))) keys.push(...page);
  const listing = lap();
  const bodies = new Map<string, Buffer>();
  await eachAtOnce(keys, concurrency, async (key) => {
    if (!isBatchKey(key)) return void bodies.set(key, await source.read(key));
    const chunks: Buffer[] = [];
    for await (const chunk of source.stream(key)) chunks.push(chunk);
    bodies.set(key, Buffer.concat(chunks));
  });
  const reading = lap();
  const inMemory: EventSource = {
    id: source.id, days: (from) => source.days(from), keys: (prefix) => source.keys(prefix),
    read: async (key) => bodies.get(key)!, stream: async function* (key) { yield bodies.get(key)!; },
  };
  let events = 0;
  await eachAtOnce(keys, concurrency, (key) =>
    readObject(inMemory, key, async (results) => {
      events += results.filter((result) => result.event).length;
    }),
  );
  return { listing, reading, parsing: lap(), objects: keys.length, events };
}

async function eachAtOnce(items: string[], concurrency: number, work: (item: string) => Promise<void>): Promise<void> {
  const slots = semaphore(concurrency);
  let failure: unknown = null;
  for (const item of items) {
    await slots.acquire();
    work(item).catch((cause) => void (failure ??= cause)).finally(slots.release);
  }
  await slots.drain();
  if (failure) throw failure;
}
