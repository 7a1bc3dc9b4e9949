// The stream worker as `npm run dev` runs it, killed for real (SIGKILL) while events keep arriving,
// then restarted: every event is delivered, some maybe twice, none lost.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PutRecordsCommand, type KinesisClient } from '@aws-sdk/client-kinesis';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startKinesisLocal, type RunningServer } from '../lib/ingest/test-servers';
import { ensureStream } from '../lib/stream/ensure-stream';
import { createKinesisClient } from '../lib/stream/kinesis-client';
import { deliveredIds } from '../lib/stream/test-objects';
import { storedEvent } from '../lib/warehouse/test-fixtures';

const repo = path.resolve(import.meta.dirname, '..');
let kinesis: RunningServer;
let client: KinesisClient;
let dataDir: string;

beforeAll(async () => {
  kinesis = await startKinesisLocal();
  client = createKinesisClient({ endpoint: kinesis.endpoint });
  await ensureStream(client, 'clickstream-events', { shards: 2 });
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'stream-worker-'));
}, 60_000);

afterAll(async () => {
  client?.destroy();
  await kinesis?.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

function startWorker(): { child: ChildProcess; exited: Promise<number | null> } {
  const env = {
    ...process.env,
    CLICKSTREAM_SINK: 'kinesis',
    CLICKSTREAM_KINESIS_STREAM: 'clickstream-events',
    CLICKSTREAM_KINESIS_ENDPOINT: kinesis.endpoint,
    CLICKSTREAM_DATA_DIR: dataDir,
    CLICKSTREAM_DELIVERY_BUFFER_SECONDS: '0.2',
  };
  const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/stream-worker.ts'], { cwd: repo, env, stdio: 'ignore' });
  return { child, exited: new Promise((resolve) => child.once('exit', (code) => resolve(code))) };
}

async function put(count: number): Promise<string[]> {
  const events = Array.from({ length: count }, () => storedEvent());
  await client.send(new PutRecordsCommand({ StreamName: 'clickstream-events', Records: events.map((event) => ({ Data: Buffer.from(JSON.stringify(event)), PartitionKey: event.session_id })) }));
  return events.map((event) => event.event_id);
}

async function until(check: () => boolean, what: string, timeoutMs = 40_000) {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

it('killed with SIGKILL while events arrive and restarted, delivers every event (duplicates allowed), and stops cleanly on SIGTERM', async () => {
  const sent: string[] = [];
  const first = startWorker();
  sent.push(...(await put(20)));
  await until(() => deliveredIds(dataDir).length > 0, 'a first delivery');
  for (let round = 0; round < 5; round += 1) {
    sent.push(...(await put(20)));
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
  first.child.kill('SIGKILL');
  await first.exited;
  sent.push(...(await put(20)));

  const second = startWorker();
  await until(() => sent.every((id) => deliveredIds(dataDir).includes(id)), 'every event after the restart');
  expect(new Set(deliveredIds(dataDir))).toEqual(new Set(sent));
  second.child.kill('SIGTERM');
  expect(await second.exited).toBe(0);
}, 90_000);
