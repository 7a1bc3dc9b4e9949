import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PutRecordsCommand, UpdateShardCountCommand, type KinesisClient } from '@aws-sdk/client-kinesis';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '@/lib/ingest/log';
import { startKinesisLocal, type RunningServer } from '@/lib/ingest/test-servers';
import { storedEvent } from '@/lib/warehouse/test-fixtures';
import { createDelivery } from './delivery';
import { ensureStream } from './ensure-stream';
import { createKinesisClient } from './kinesis-client';
import { startPoller, type Poller, type StreamConsumer } from './poller';
import type { StreamRecord } from './record';
import { deliveredIds } from './test-objects';

let kinesis: RunningServer;
let client: KinesisClient;
let streams = 0;
const cleanups: (() => Promise<void> | void)[] = [];

beforeAll(async () => {
  kinesis = await startKinesisLocal();
  client = createKinesisClient({ endpoint: kinesis.endpoint });
}, 60_000);
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});
afterAll(async () => {
  client?.destroy();
  await kinesis?.stop();
});

async function setup(shards = 2) {
  const stream = `poller-test-${(streams += 1)}`;
  await ensureStream(client, stream, { shards });
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'poller-'));
  cleanups.push(() => fs.rmSync(root, { recursive: true, force: true }));
  const put = async (count: number) => {
    const events = Array.from({ length: count }, (_, index) => storedEvent({ session_id: `6a1d2c3b-4e5f-4a6b-8c7d-9e0f1a2b3c${String(index % 10).padStart(2, '0')}` }));
    await client.send(new PutRecordsCommand({ StreamName: stream, Records: events.map((event) => ({ Data: Buffer.from(JSON.stringify(event)), PartitionKey: event.session_id })) }));
    return events.map((event) => event.event_id);
  };
  const poll = async (consumer: StreamConsumer): Promise<Poller> => {
    const poller = await startPoller({ client, stream, consumer, log: silentLogger, checkpointFile: path.join(root, 'checkpoint.json'), idleMs: 50, retryMs: 100, shardRefreshMs: 200 });
    cleanups.push(() => poller.stop());
    return poller;
  };
  return { stream, root, put, poll };
}

async function until(check: () => boolean, what: string, timeoutMs = 20_000) {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const sorted = (ids: string[]) => [...ids].sort();

// kinesis-local shares the CPUs with the test: reads take seconds on a busy machine.
describe('stream poller against kinesis-local', { timeout: 40_000 }, () => {
  it('delivers every record of every shard, and a restarted poller goes on from its checkpoint without repeating', async () => {
    const { root, put, poll } = await setup();
    const first = await put(30);
    const poller = await poll(createDelivery({ root, bufferMs: 100 }));
    await until(() => deliveredIds(root).length >= 30, 'the first records');
    await poller.stop();

    const second = await put(20);
    await poll(createDelivery({ root, bufferMs: 100 }));
    await until(() => deliveredIds(root).length >= 50, 'the records put while it was stopped');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(sorted(deliveredIds(root))).toEqual(sorted([...first, ...second]));
  });

  it('hands a batch over again when the consumer throws, so no record is lost', async () => {
    const { root, put, poll } = await setup(1);
    const delivery = createDelivery({ root, bufferMs: 50 });
    let failures = 1;
    const seen: string[] = [];
    const flaky: StreamConsumer = {
      name: 'flaky',
      async handle(records: StreamRecord[]) {
        seen.push(...records.map((record) => record.sequenceNumber));
        if (failures-- > 0) throw new Error('disk full');
        return delivery.handle(records);
      },
    };
    const ids = await put(10);
    await poll(flaky);
    await until(() => deliveredIds(root).length >= 10, 'the batch after the failure');
    expect(sorted(deliveredIds(root))).toEqual(sorted(ids));
    expect(seen.length).toBe(20);
  });

  it('re-reads from the first record a consumer reports failed, and checkpoints the ones before it', async () => {
    const { put, poll } = await setup(1);
    await put(6);
    const batches: string[][] = [];
    const partial: StreamConsumer = {
      name: 'partial',
      async handle(records) {
        batches.push(records.map((record) => record.sequenceNumber));
        return { failed: batches.length === 1 ? [records[3].sequenceNumber] : [] };
      },
    };
    await poll(partial);
    await until(() => batches.length >= 2, 'the second read');
    expect(batches[1]).toEqual(batches[0].slice(3));
  });

  it('killed after writing a batch and before checkpointing it, writes it again on restart: duplicates, never a loss', async () => {
    const { root, put, poll } = await setup();
    const ids = await put(25);
    // The first worker writes its objects, then dies before its checkpoint: the handle never returns.
    const delivery = createDelivery({ root, bufferMs: 50 });
    let written = 0;
    const dying: StreamConsumer = { name: 'delivery', handle: async (records) => (await delivery.handle(records), (written += records.length), new Promise(() => {})) };
    const crashed = await poll(dying);
    await until(() => written >= 25, 'the first worker to write every record');
    cleanups.splice(cleanups.length - 1, 1); // abandoned, as a killed process would be
    void crashed;
    expect(fs.existsSync(path.join(root, 'checkpoint.json'))).toBe(false);

    await poll(createDelivery({ root, bufferMs: 50 }));
    await until(() => deliveredIds(root).length >= 50, 'the restarted worker to write them again');
    const delivered = deliveredIds(root);
    expect(sorted([...new Set(delivered)])).toEqual(sorted(ids));
    expect(delivered.length).toBe(50);
  });

  it('after a reshard, reads the closed parent to its end before its children, so a session stays in order', async () => {
    const { stream, put, poll } = await setup(1);
    const before = await put(5);
    await client.send(new UpdateShardCountCommand({ StreamName: stream, TargetShardCount: 2, ScalingType: 'UNIFORM_SCALING' }));
    await ensureStream(client, stream);
    const after = await put(5);
    const handed: string[] = [];
    // Slow on the parent's records: a child read at the same time would get its records in first.
    const recorder: StreamConsumer = {
      name: 'recorder',
      async handle(records) {
        const ids = records.map((record) => JSON.parse(Buffer.from(record.data).toString()).event_id as string);
        if (ids.some((id) => before.includes(id))) await new Promise((resolve) => setTimeout(resolve, 1500));
        handed.push(...ids);
      },
    };
    await poll(recorder);
    await until(() => handed.length >= 10, `every record (${handed.length} so far)`);
    expect(handed.slice(0, 5)).toEqual(before);
    expect(sorted(handed.slice(5))).toEqual(sorted(after));
  });
});
