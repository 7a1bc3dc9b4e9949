// `npm run bench:warehouse`: the loader against the original workshop's algorithm, side by side in
// one run on the same generated events: the folder (200,000 events) and s3rver (20,000), each into
// a fresh database of one embedded PostgreSQL; then the loader's rerun with nothing new. Then the
// same events as batched gzip objects (1,000 a object, as Firehose delivers them) against the
// per-event files, with where the time goes in each. Each load (and each profile of the steps)
// runs in a process of its own, which reports its time (start-up excluded) and its peak RSS.
import { CreateBucketCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs, promisify } from 'node:util';
import pg from 'pg';
import { FileSystemSink } from '@/lib/ingest/fs-sink';
import { eventKey } from '@/lib/ingest/layout';
import { silentLogger } from '@/lib/ingest/log';
import { S3Sink } from '@/lib/ingest/s3-sink';
import type { Sink } from '@/lib/ingest/sink';
import { freePort, startS3rver } from '@/lib/ingest/test-servers';
import { readWarehouseConfig } from '@/lib/warehouse/config';
import { demoTraffic } from '@/lib/warehouse/demo-traffic';
import { startEmbeddedPostgres } from '@/lib/warehouse/embedded';
import { runLoad } from '@/lib/warehouse/load';
import { migrate } from '@/lib/warehouse/migrate';
import { createSource } from '@/lib/warehouse/runtime';
import { bucketStore, folderStore, workshopLoad } from '@/lib/warehouse/workshop-baseline';
import { profilePhases, timeWrites, writeBatches, type Phases, type Put } from './bench-warehouse-layouts';

type Measure = { seconds: number; events: number; filesRead: number; rssMb: number; writeSeconds: number };
const BUCKET = 'bench-clickstream';
const BATCHED_BUCKET = 'bench-clickstream-batched';
const S3_ENV = { AWS_ACCESS_KEY_ID: 'S3RVER', AWS_SECRET_ACCESS_KEY: 'S3RVER', AWS_REGION: 'us-east-1' };

const { values } = parseArgs({
  options: {
    child: { type: 'string' }, source: { type: 'string' }, db: { type: 'string' },
    folder: { type: 'string', default: '200000' }, s3: { type: 'string', default: '20000' }, batch: { type: 'string', default: '1000' },
  },
});

if (values.child) await child(values.child, values.source!, values.db ?? '');
else await main(Number(values.folder), Number(values.s3), Number(values.batch));

/**
 * One run in this process: a `loader` or `workshop` load, or the loader's steps one by one
 * (`phases`), from `dir:<path>` or `s3:<bucket>@<endpoint>`.
 */
async function child(algorithm: string, source: string, url: string) {
  const [kind, where] = [source.slice(0, source.indexOf(':')), source.slice(source.indexOf(':') + 1)];
  const [bucket, endpoint] = kind === 's3' ? where.split('@') : ['', where];
  const config = readWarehouseConfig({});
  const eventSource = () => createSource(kind === 's3' ? { kind: 's3', bucket, region: 'us-east-1', endpoint } : { kind: 'folder', dir: where }, config.concurrency);
  if (algorithm === 'phases') {
    console.log(JSON.stringify(await profilePhases(eventSource(), config.concurrency)));
    process.exit(0);
  }
  const pool = new pg.Pool({ connectionString: url, max: 4 });
  const writeSeconds = timeWrites();
  const started = performance.now();
  let events: number;
  let filesRead: number;
  if (algorithm === 'loader') {
    const result = await runLoad({ source: eventSource(), db: pool, clock: () => new Date(), log: silentLogger }, { lookbackDays: config.lookbackDays, concurrency: config.concurrency });
    [events, filesRead] = [result.new, result.filesRead];
  } else {
    const client = new S3Client({ region: 'us-east-1', endpoint, forcePathStyle: true });
    events = filesRead = await workshopLoad(kind === 's3' ? bucketStore(client, bucket) : folderStore(where), pool);
  }
  const measure: Measure = { seconds: (performance.now() - started) / 1000, events, filesRead, rssMb: process.resourceUsage().maxRSS / 1024, writeSeconds: writeSeconds() };
  await pool.end();
  console.log(JSON.stringify(measure));
  process.exit(0);
}

async function measure<T = Measure>(algorithm: string, source: string, url: string, env: Record<string, string> = {}): Promise<T> {
  const { stdout } = await promisify(execFile)(path.resolve('node_modules/.bin/tsx'), ['scripts/bench-warehouse.ts', '--child', algorithm, '--source', source, '--db', url], {
    env: { ...process.env, ...env },
    maxBuffer: 1 << 20,
  });
  return JSON.parse(stdout.trim().split('\n').at(-1)!);
}

function* demoEvents(events: number, now: Date) {
  for (const session of demoTraffic({ events, days: 90, seed: 2026, now })) yield* session;
}

async function generate(sink: Sink, events: number, now: Date) {
  let batch = [];
  for (const event of demoEvents(events, now)) {
    batch.push({ key: eventKey(event.event_id, new Date(event.event_timestamp)), body: JSON.stringify(event) });
    if (batch.length >= 1000) {
      await sink.write(batch);
      batch = [];
    }
  }
  await sink.write(batch);
}

async function main(folderEvents: number, s3Events: number, perObject: number) {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-warehouse-'));
  fs.chmodSync(tmp, 0o777); // the embedded server runs as its own user when we are root
  const server = await startEmbeddedPostgres({ dir: path.join(tmp, 'pg'), port: await freePort(), database: 'postgres' });
  Object.assign(process.env, S3_ENV);
  const s3rver = await startS3rver(BUCKET);
  const admin = new pg.Client({ connectionString: server.url });
  await admin.connect();
  const database = async (name: string) => {
    await admin.query(`CREATE DATABASE ${name}`);
    const url = server.url.replace(/\/postgres$/, `/${name}`);
    const pool = new pg.Pool({ connectionString: url });
    await migrate(pool);
    await pool.end();
    return url;
  };
  try {
    const now = new Date(); // one instant for every copy of the demo events: the same events each time
    const [dir, batchedDir] = [path.join(tmp, 'events'), path.join(tmp, 'batched')];
    console.log(`bench: writing ${folderEvents} demo events to a folder and ${s3Events} to s3rver, as files and in objects of ${perObject}...`);
    await generate(new FileSystemSink(dir), folderEvents, now);
    await generate(new S3Sink({ bucket: BUCKET, endpoint: s3rver.endpoint, conditionalWrites: false }), s3Events, now);
    const toFolder: Put = async (key, body) => {
      fs.mkdirSync(path.dirname(path.join(batchedDir, key)), { recursive: true });
      fs.writeFileSync(path.join(batchedDir, key), body);
    };
    const client = new S3Client({ region: 'us-east-1', endpoint: s3rver.endpoint, forcePathStyle: true });
    await client.send(new CreateBucketCommand({ Bucket: BATCHED_BUCKET }));
    const toBucket: Put = async (key, body) => void (await client.send(new PutObjectCommand({ Bucket: BATCHED_BUCKET, Key: key, Body: body })));
    const objects = { folder: await writeBatches(demoEvents(folderEvents, now), perObject, toFolder), s3rver: await writeBatches(demoEvents(s3Events, now), perObject, toBucket) };

    const rows: string[] = [];
    const compare = async (name: string, source: string, events: number, target: number, env: Record<string, string> = {}) => {
      const workshop = await measure('workshop', source, await database(`workshop_${name}`), env);
      const loaderDb = await database(`loader_${name}`);
      const loader = await measure('loader', source, loaderDb, env);
      if (workshop.events !== events || loader.events !== events) throw new Error(`${name}: expected ${events} rows, workshop ${workshop.events}, loader ${loader.events}`);
      const [w, l] = [workshop.events / workshop.seconds, loader.events / loader.seconds];
      rows.push(`| ${name} | ${events} | ${Math.round(w)} | ${Math.round(l)} | ${(l / w).toFixed(2)}x (target >= ${target}x) | ${Math.round(loader.rssMb)} MB |`);
      console.log(rows.at(-1));
      return { loaderDb, loader };
    };
    console.log('| source | events | workshop events/s | loader events/s | ratio | loader peak RSS |\n|---|---|---|---|---|---|');
    const folder = await compare('folder', `dir:${dir}`, folderEvents, 2.5);
    const s3 = await compare('s3rver', `s3:${BUCKET}@${s3rver.endpoint}`, s3Events, 4, S3_ENV);
    const rerun = await measure('loader', `dir:${dir}`, folder.loaderDb);
    console.log(`\nrerun with nothing new over ${folderEvents} loaded events: ${rerun.seconds.toFixed(2)} s (target < 3 s), ${rerun.filesRead} files read, peak RSS ${Math.round(rerun.rssMb)} MB`);

    console.log(`\nthe loader on per-event files and on the same events in gzip objects of ${perObject} (Firehose's layout):`);
    const layouts = [
      { name: 'folder', events: folderEvents, perEvent: { source: `dir:${dir}`, load: folder.loader }, batched: { source: `dir:${batchedDir}`, objects: objects.folder } },
      { name: 's3rver', events: s3Events, perEvent: { source: `s3:${BUCKET}@${s3rver.endpoint}`, load: s3.loader }, batched: { source: `s3:${BATCHED_BUCKET}@${s3rver.endpoint}`, objects: objects.s3rver } },
    ];
    console.log('| source | events | per-event files: events/s | objects | batched: events/s | ratio | batched peak RSS |\n|---|---|---|---|---|---|---|');
    const steps: { name: string; perEvent: Steps; batched: Steps }[] = [];
    for (const layout of layouts) {
      const batched = await measure('loader', layout.batched.source, await database(`batched_${layout.name}`), S3_ENV);
      if (batched.events !== layout.events) throw new Error(`${layout.name}: expected ${layout.events} rows from the batched objects, loaded ${batched.events}`);
      const [p, b] = [layout.events / layout.perEvent.load.seconds, layout.events / batched.seconds];
      console.log(`| ${layout.name} | ${layout.events} | ${Math.round(p)} | ${layout.batched.objects} | ${Math.round(b)} | ${(b / p).toFixed(2)}x | ${Math.round(batched.rssMb)} MB |`);
      steps.push({
        name: layout.name,
        perEvent: { ...(await measure<Phases>('phases', layout.perEvent.source, '', S3_ENV)), load: layout.perEvent.load.seconds, writing: layout.perEvent.load.writeSeconds },
        batched: { ...(await measure<Phases>('phases', layout.batched.source, '', S3_ENV)), load: batched.seconds, writing: batched.writeSeconds },
      });
    }
    printSteps(steps);
  } finally {
    await admin.end();
    await s3rver.stop();
    await server.stop();
    fs.rmSync(tmp, { recursive: true, force: true });
  }
  process.exit(0);
}

type Steps = Phases & { load: number; writing: number };

// Listing, reading and parsing measured alone, one after the other; writing measured in the load
// itself. The load overlaps them (it reads while the database writes), so it is less than their sum.
function printSteps(steps: { name: string; perEvent: Steps; batched: Steps }[]) {
  const rows: [string, keyof Steps][] = [
    ['listing', 'listing'], ['reading', 'reading'], ['parsing and validating', 'parsing'],
    ['writing: COPY, bookkeeping, derived tables, commits', 'writing'], ['the load (wall clock)', 'load'],
  ];
  console.log(`\nwhere the time goes, in seconds (per-event / batched, ratio):\n| step | ${steps.map((s) => s.name).join(' | ')} |\n|---|${steps.map(() => '---|').join('')}`);
  for (const [label, field] of rows) {
    const cells = steps.map(({ perEvent, batched }) => `${perEvent[field].toFixed(2)} / ${batched[field].toFixed(2)} (${(perEvent[field] / Math.max(0.005, batched[field])).toFixed(1)}x)`);
    console.log(`| ${label} | ${cells.join(' | ')} |`);
  }
}
