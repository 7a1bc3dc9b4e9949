// `npm run demo:traffic -- [--events N] [--days N] [--seed N] [--dir path]`: writes believable,
// contract-valid stored events over the last N days where the ingestion stores them (the folder
// CLICKSTREAM_DATA_DIR, or the bucket CLICKSTREAM_S3_BUCKET), for `npm run warehouse:load`.
// The same seed gives the same events again (the stores keep the first copy of each).
import path from 'node:path';
import { parseArgs } from 'node:util';
import { readIngestConfig } from '@/lib/ingest/config';
import { FileSystemSink } from '@/lib/ingest/fs-sink';
import { eventKey } from '@/lib/ingest/layout';
import { S3Sink } from '@/lib/ingest/s3-sink';
import type { Sink, StoredObject } from '@/lib/ingest/sink';
import { demoTraffic } from '@/lib/warehouse/demo-traffic';

const CHUNK = 1000;
const IN_FLIGHT = 2;

function count(name: string, raw: string | undefined, fallback: number): number {
  const value = raw === undefined ? fallback : Number(raw);
  if (!Number.isInteger(value) || value < 1) throw new Error(`--${name} must be a whole number >= 1, got "${raw}"`);
  return value;
}

try {
  const { values } = parseArgs({ options: { events: { type: 'string' }, days: { type: 'string' }, seed: { type: 'string' }, dir: { type: 'string' } } });
  const events = count('events', values.events, 50_000);
  const days = count('days', values.days, 90);
  const seed = count('seed', values.seed, Date.now() % 2 ** 31);
  const config = readIngestConfig();
  const dir = path.resolve(values.dir ?? config.dataDir);
  const sink: Sink = config.s3 && !values.dir ? new S3Sink(config.s3) : new FileSystemSink(dir);
  const where = config.s3 && !values.dir ? `s3://${config.s3.bucket}` : dir;

  const started = Date.now();
  let written = 0;
  let sessions = 0;
  let chunk: StoredObject[] = [];
  const writing = new Set<Promise<void>>();
  const flush = async () => {
    const objects = chunk;
    chunk = [];
    const write = sink.write(objects).then(() => {
      written += objects.length;
      if (Math.floor(written / 100_000) !== Math.floor((written - objects.length) / 100_000)) console.log(`demo traffic: ${written} events written...`);
    });
    writing.add(write);
    write.finally(() => writing.delete(write)).catch(() => {});
    if (writing.size >= IN_FLIGHT) await Promise.race(writing);
  };
  for (const session of demoTraffic({ events, days, seed, now: new Date() })) {
    sessions += 1;
    for (const event of session) chunk.push({ key: eventKey(event.event_id, new Date(event.event_timestamp)), body: JSON.stringify(event) });
    if (chunk.length >= CHUNK) await flush();
  }
  await flush();
  await Promise.all(writing);
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  console.log(`demo traffic: ${written} events in ${sessions} sessions over ${days} days (seed ${seed}) written to ${where} in ${seconds} s`);
} catch (error) {
  console.error(`demo traffic: ${(error as Error).message}`);
  process.exitCode = 1;
}
