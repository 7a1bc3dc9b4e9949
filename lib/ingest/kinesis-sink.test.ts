import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { KinesisClient, PutRecordsCommandInput, PutRecordsCommandOutput } from '@aws-sdk/client-kinesis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storedEventSchema } from '@/lib/contract/events';
import { createKinesisClient } from '@/lib/stream/kinesis-client';
import { ensureStream } from '@/lib/stream/ensure-stream';
import { readWholeStream, text } from '@/lib/stream/test-stream';
import { createIngestHandler } from './core';
import { KinesisSink, PUT_RECORDS_MAX_BYTES, PUT_RECORDS_MAX_RECORDS } from './kinesis-sink';
import { DEFAULT_LIMITS } from './limits';
import { silentLogger } from './log';
import { createIngestFromEnv } from './runtime';
import { ingestRequest, pageView } from './test-fixtures';
import { startKinesisLocal, type RunningServer } from './test-servers';

let kinesis: RunningServer;
let client: KinesisClient;
let streams = 0;

beforeAll(async () => {
  kinesis = await startKinesisLocal();
  client = createKinesisClient({ endpoint: kinesis.endpoint });
}, 60_000);

afterAll(async () => {
  client?.destroy();
  await kinesis?.stop();
});

/** A fresh stream per test (two shards, so partitioning is real). */
async function newStream(): Promise<string> {
  const stream = `sink-test-${(streams += 1)}`;
  await ensureStream(client, stream, { shards: 2 });
  return stream;
}

const storedOn = async (stream: string) => (await readWholeStream(client, stream)).map((record) => ({ partitionKey: record.partitionKey, event: JSON.parse(text(record)) }));

const eventObject = (event: Record<string, unknown>) => ({ key: `events/2026/05/06/event-${event.event_id}.json`, body: JSON.stringify(event) });

type Refuse = (input: PutRecordsCommandInput, call: number) => boolean[];

/**
 * A client whose PutRecords calls see a throttling stream: the records `refuse` picks never reach
 * kinesis-local and come back with ErrorCode ProvisionedThroughputExceededException, as Kinesis
 * answers a shard over its write limit. Every call's record count is kept in `calls`.
 */
function throttlingClient(refuse: Refuse) {
  const throttled = createKinesisClient({ endpoint: kinesis.endpoint });
  const calls: number[] = [];
  throttled.middlewareStack.add(
    (next, context) => async (args) => {
      if (context.commandName !== 'PutRecordsCommand') return next(args);
      const input = args.input as PutRecordsCommandInput;
      const refused = refuse(input, calls.push(input.Records!.length));
      const kept = input.Records!.filter((_, index) => !refused[index]);
      const answer = kept.length ? await next({ ...args, input: { ...input, Records: kept } }) : { output: { Records: [], FailedRecordCount: 0, $metadata: {} } as PutRecordsCommandOutput, response: {} };
      const stored = [...(answer.output as PutRecordsCommandOutput).Records!];
      const Records = refused.map((no) => (no ? { ErrorCode: 'ProvisionedThroughputExceededException', ErrorMessage: 'Rate exceeded for shard' } : stored.shift()!));
      const output: PutRecordsCommandOutput = { ...(answer.output as PutRecordsCommandOutput), Records, FailedRecordCount: refused.filter(Boolean).length };
      return { ...answer, output };
    },
    { step: 'initialize', name: 'throttle' },
  );
  return { client: throttled, calls };
}

describe('Kinesis sink against kinesis-local', { timeout: 30_000 }, () => {
  it('puts each accepted event on the stream as its stored JSON, keyed by session_id, and keeps rejected ones in the folder, via the core', async () => {
    const stream = await newStream();
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kinesis-sink-'));
    const { handle } = createIngestFromEnv(
      { CLICKSTREAM_SINK: 'kinesis', CLICKSTREAM_KINESIS_STREAM: stream, CLICKSTREAM_KINESIS_ENDPOINT: kinesis.endpoint, CLICKSTREAM_DATA_DIR: dataDir },
      silentLogger,
    );
    const events = [pageView(), pageView({ session_id: '7b2e3d4c-5f60-4b7c-9d8e-0f1a2b3c4d5e' }), pageView()];
    const now = new Date('2026-05-06T07:08:09.000Z');
    const response = await handle(ingestRequest(JSON.stringify({ events: [...events, { event_name: 'nope' }] }), { now }));
    expect(response.status).toBe(202);
    expect(JSON.parse(response.body).accepted).toEqual(events.map((event) => event.event_id));

    const stored = await storedOn(stream);
    expect(stored.map(({ event }) => event.event_id).sort()).toEqual(events.map((event) => event.event_id).sort());
    for (const { partitionKey, event } of stored) {
      expect(storedEventSchema.parse(event)).toMatchObject({ event_timestamp: now.toISOString(), source_ip: '203.0.113.0' });
      expect(partitionKey).toBe(event.session_id);
    }
    // The stream carries stored events only: the rejected-events record is a file, and no event is.
    expect(fs.readdirSync(path.join(dataDir, 'rejected/2026/05/06'))).toHaveLength(1);
    expect(fs.existsSync(path.join(dataDir, 'events'))).toBe(false);
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('sends again, after a pause, only the records a throttling stream refused, until each is on the stream once', async () => {
    const stream = await newStream();
    // The first two calls see every other record refused: 8 -> 4 refused -> 2 refused -> none.
    const { client: throttled, calls } = throttlingClient((input, call) => input.Records!.map((_, index) => call <= 2 && index % 2 === 0));
    const events = Array.from({ length: 8 }, () => pageView());
    const sink = new KinesisSink({ stream, client: throttled, baseDelayMs: 20 });
    await sink.write(events.map(eventObject));
    expect(calls).toEqual([8, 4, 2]);
    const ids = (await storedOn(stream)).map(({ event }) => event.event_id);
    expect(ids.sort()).toEqual(events.map((event) => event.event_id).sort());
  });

  it('makes the API answer 503 with Retry-After, acknowledging nothing, while the stream still refuses records after every retry', async () => {
    const stream = await newStream();
    const { client: throttled, calls } = throttlingClient((input) => input.Records!.map((_, index) => index === 0));
    const handle = createIngestHandler({ sink: new KinesisSink({ stream, client: throttled, baseDelayMs: 5, maxAttempts: 3 }), verifier: null, allowedOrigins: [], limits: DEFAULT_LIMITS, log: silentLogger });
    const response = await handle(ingestRequest(JSON.stringify({ events: [pageView(), pageView()] })));
    expect(response.status).toBe(503);
    expect(response.headers['retry-after']).toBe('1');
    expect(JSON.parse(response.body)).toEqual({ error: 'events could not be stored; retry later with the same event_id values' });
    expect(calls).toEqual([2, 1, 1]);
  });

  it('splits a write into PutRecords calls of at most 500 records', async () => {
    const stream = await newStream();
    const { client: counted, calls } = throttlingClient((input) => input.Records!.map(() => false));
    const events = Array.from({ length: 1100 }, () => pageView());
    await new KinesisSink({ stream, client: counted }).write(events.map(eventObject));
    expect(calls).toEqual([PUT_RECORDS_MAX_RECORDS, PUT_RECORDS_MAX_RECORDS, 100]);
    expect((await storedOn(stream)).map(({ event }) => event.event_id).sort()).toEqual(events.map((event) => event.event_id).sort());
  });

  it('keeps each PutRecords call within 5 MB (a unit check: the stream is not called)', async () => {
    const sizes: number[] = [];
    const fake = { send: async ({ input }: { input: PutRecordsCommandInput }) => {
      sizes.push(input.Records!.reduce((sum, record) => sum + record.Data!.byteLength + record.PartitionKey!.length, 0));
      return { FailedRecordCount: 0, Records: input.Records!.map((_, index) => ({ SequenceNumber: String(index), ShardId: 'shardId-000000000000' })) };
    } } as unknown as KinesisClient;
    // 12 KB events: 5 MB holds 436 of them, fewer than 500.
    const events = Array.from({ length: 600 }, () => pageView({ page_title: 'x'.repeat(12 * 1024) }));
    await new KinesisSink({ stream: 'unused', client: fake }).write(events.map(eventObject));
    const perCall = Math.floor(PUT_RECORDS_MAX_BYTES / (JSON.stringify(events[0]).length + 36));
    expect(sizes.map((bytes) => Math.round(bytes / (JSON.stringify(events[0]).length + 36)))).toEqual([perCall, 600 - perCall]);
    expect(Math.max(...sizes)).toBeLessThanOrEqual(PUT_RECORDS_MAX_BYTES);
  });

  it('makes the API answer 503 when the stream does not exist', async () => {
    const { handle } = createIngestFromEnv({ CLICKSTREAM_SINK: 'kinesis', CLICKSTREAM_KINESIS_STREAM: 'no-such-stream', CLICKSTREAM_KINESIS_ENDPOINT: kinesis.endpoint }, silentLogger);
    const response = await handle(ingestRequest(JSON.stringify(pageView())));
    expect(response.status).toBe(503);
    expect(response.body).not.toMatch(/ResourceNotFound|no-such-stream/);
  });
});
