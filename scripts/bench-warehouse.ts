// `npm run bench:warehouse`: the loader against the original workshop's algorithm, side by side in
// one run on the same generated events: the folder (200,000 events) and s3rver (20,000), each into
// a fresh database of one embedded PostgreSQL; then the loader's rerun with nothing new. Each load
// runs in a process of its own, which reports its time (start-up excluded) and its peak RSS.
import { S3Client } from '@aws-sdk/client-s3';
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

type Measure = { seconds: number; events: number; filesRead: number; rssMb: number };
const BUCKET = 'bench-clickstream';
const S3_ENV = { AWS_ACCESS_KEY_ID: 'S3RVER', AWS_SECRET_ACCESS_KEY: 'S3RVER', AWS_REGION: 'us-east-1' };

const { values } = parseArgs({ options: { child: { type: 'string' }, source: { type: 'string' }, db: { type: 'string' }, folder: { type: 'string', default: '200000' }, s3: { type: 'string', default: '20000' } } });

if (values.child) await child(values.child, values.source!, values.db!);
else await main(Number(values.folder), Number(values.s3));

/** One load in this process: `loader` or `workshop`, from `dir:<path>` or `s3:<endpoint>`. */
async function child(algorithm: string, source: string, url: string) {
  const pool = new pg.Pool({ connectionString: url, max: 4 });
  const [kind, where] = [source.slice(0, source.indexOf(':')), source.slice(source.indexOf(':') + 1)];
  const started = performance.now();
  let events: number;
  let filesRead: number;
  if (algorithm === 'loader') {
    const config = readWarehouseConfig({});
    const eventSource = createSource(kind === 's3' ? { kind: 's3', bucket: BUCKET, region: 'us-east-1', endpoint: where } : { kind: 'folder', dir: where }, config.concurrency);
    const result = await runLoad({ source: eventSource, db: pool, clock: () => new Date(), log: silentLogger }, { lookbackDays: config.lookbackDays, concurrency: config.concurrency });
    [events, filesRead] = [result.new, result.filesRead];
  } else {
    const client = new S3Client({ region: 'us-east-1', endpoint: where, forcePathStyle: true });
    events = filesRead = await workshopLoad(kind === 's3' ? bucketStore(client, BUCKET) : folderStore(where), pool);
  }
  const measure: Measure = { seconds: (performance.now() - started) / 1000, events, filesRead, rssMb: process.resourceUsage().maxRSS / 1024 };
  await pool.end();
  console.log(JSON.stringify(measure));
  process.exit(0);
}

async function measure(algorithm: string, source: string, url: string, env: Record<string, string> = {}): Promise<Measure> {
  const { stdout } = await promisify(execFile)(path.resolve('node_modules/.bin/tsx'), ['scripts/bench-warehouse.ts', '--child', algorithm, '--source', source, '--db', url], {
    env: { ...process.env, ...env },
    maxBuffer: 1 << 20,
  });
  return JSON.parse(stdout.trim().split('\n').at(-1)!);
}

async function generate(sink: Sink, events: number) {
  let batch = [];
  for (const session of demoTraffic({ events, days: 90, seed: 2026, now: new Date() })) {
    for (const event of session) batch.push({ key: eventKey(event.event_id, new Date(event.event_timestamp)), body: JSON.stringify(event) });
    if (batch.length >= 1000) {
      await sink.write(batch);
      batch = [];
    }
  }
  await sink.write(batch);
}

async function main(folderEvents: number, s3Events: number) {
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
    const dir = path.join(tmp, 'events');
    console.log(`bench: writing ${folderEvents} demo events to a folder and ${s3Events} to s3rver...`);
    await generate(new FileSystemSink(dir), folderEvents);
    await generate(new S3Sink({ bucket: BUCKET, endpoint: s3rver.endpoint, conditionalWrites: false }), s3Events);

    const rows: string[] = [];
    const compare = async (name: string, source: string, events: number, target: number, env: Record<string, string> = {}) => {
      const workshop = await measure('workshop', source, await database(`workshop_${name}`), env);
      const loaderDb = await database(`loader_${name}`);
      const loader = await measure('loader', source, loaderDb, env);
      if (workshop.events !== events || loader.events !== events) throw new Error(`${name}: expected ${events} rows, workshop ${workshop.events}, loader ${loader.events}`);
      const [w, l] = [workshop.events / workshop.seconds, loader.events / loader.seconds];
      rows.push(`| ${name} | ${events} | ${Math.round(w)} | ${Math.round(l)} | ${(l / w).toFixed(2)}x (target >= ${target}x) | ${Math.round(loader.rssMb)} MB |`);
      console.log(rows.at(-1));
      return loaderDb;
    };
    console.log('| source | events | workshop events/s | loader events/s | ratio | loader peak RSS |\n|---|---|---|---|---|---|');
    const folderDb = await compare('folder', `dir:${dir}`, folderEvents, 2.5);
    await compare('s3rver', `s3:${s3rver.endpoint}`, s3Events, 4, S3_ENV);
    const rerun = await measure('loader', `dir:${dir}`, folderDb);
    console.log(`\nrerun with nothing new over ${folderEvents} loaded events: ${rerun.seconds.toFixed(2)} s (target < 3 s), ${rerun.filesRead} files read, peak RSS ${Math.round(rerun.rssMb)} MB`);
  } finally {
    await admin.end();
    await s3rver.stop();
    await server.stop();
    fs.rmSync(tmp, { recursive: true, force: true });
  }
  process.exit(0);
}
