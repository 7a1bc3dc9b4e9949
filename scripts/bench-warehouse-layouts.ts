// The two layouts of `npm run bench:warehouse`, side by side: per-event files, and the same events in
// batched gzip NDJSON objects as Firehose delivers them; and where a load's time goes in each.
import { gzipSync } from 'node:zlib';
import type { StoredEvent } from '@/lib/contract/events';
import { dayOfKey, dayPrefix } from '@/lib/warehouse/days';
import { eventKey } from '@/lib/ingest/layout';
import { semaphore } from '@/lib/warehouse/flow';
import { readObject } from '@/lib/warehouse/read-object';
import { isBatchKey, type EventSource } from '@/lib/warehouse/source';

export type Put = (key: string, body: string | Buffer) => Promise<void>;

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

/** Seconds spent listing every key, reading every body, and reading and parsing every body again. */
export type Phases = { listing: number; reading: number; parsing: number; objects: number; events: number };

/**
 * The loader's own steps over the whole source, one after the other, `concurrency` reads at once
 * as in a load: listing (days and keys), reading (the bytes only), parsing (the bytes read again,
 * gunzipped, split into lines, JSON-parsed and checked with the schema: `parsing` is this minus `reading`).
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
  await eachAtOnce(keys, concurrency, async (key) => {
    if (!isBatchKey(key)) return void (await source.read(key));
    for await (const chunk of source.stream(key)) void chunk;
  });
  const reading = lap();
  let events = 0;
  await eachAtOnce(keys, concurrency, (key) =>
    readObject(source, key, async (results) => {
      events += results.filter((result) => result.event).length;
    }),
  );
  return { listing, reading, parsing: Math.max(0, lap() - reading), objects: keys.length, events };
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
