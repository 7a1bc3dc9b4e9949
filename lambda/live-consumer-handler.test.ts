// The live consumer Lambda as deployed: bundled the way scripts/build-lambda.mjs bundles the
// others, loaded in this process, fed a Kinesis event as the event source mapping sends it, and
// writing to a real dynalite.
import { DynamoDBDocumentClient, ScanCommand } from '@aws-sdk/lib-dynamodb';
import type { KinesisStreamBatchResponse, KinesisStreamEvent } from 'aws-lambda';
import { build } from 'esbuild';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StoredEvent } from '../lib/contract/events';
import { ensureLiveTable } from '../lib/live/table';
import { startDynalite, type RunningDynalite } from '../lib/live/test-dynalite';
import { liveScenario } from '../lib/live/test-fixtures';

type Bundle = { handler(event: KinesisStreamEvent): Promise<KinesisStreamBatchResponse>; resetLiveHandlerForTests(): void };

let dynalite: RunningDynalite;
let bundle: Bundle;
let outDir: string;
const savedEnv = { ...process.env };

beforeAll(async () => {
  outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'live-lambda-'));
  const outfile = path.join(outDir, 'index.mjs');
  [dynalite] = await Promise.all([
    startDynalite(),
    build({
      entryPoints: ['lambda/live-consumer-handler.ts'], outfile, bundle: true, platform: 'node', target: 'node20', format: 'esm', minify: true, logLevel: 'silent',
      banner: { js: "import{createRequire as __cr}from'node:module';const require=__cr(import.meta.url);" },
    }),
  ]);
  bundle = (await import(pathToFileURL(outfile).href)) as Bundle;
  await ensureLiveTable(dynalite.client, 'clickstream-live');
}, 60_000);
afterAll(async () => {
  process.env = savedEnv;
  await dynalite?.stop();
  fs.rmSync(outDir, { recursive: true, force: true });
});

function configure(env: Record<string, string | undefined>) {
  process.env = { ...savedEnv, ...env };
  bundle.resetLiveHandlerForTests();
}

let sequence = 0;
const kinesisEvent = (events: (StoredEvent | string)[]): KinesisStreamEvent => ({
  Records: events.map((event) => ({
    kinesis: {
      kinesisSchemaVersion: '1.0',
      partitionKey: typeof event === 'string' ? 'x' : event.session_id,
      sequenceNumber: `4959000000000000000000000000000000000000000000000000${String(++sequence).padStart(4, '0')}`,
      data: Buffer.from(typeof event === 'string' ? event : JSON.stringify(event)).toString('base64'),
      approximateArrivalTimestamp: Date.now() / 1000,
    },
    eventSource: 'aws:kinesis',
    eventVersion: '1.0',
    eventID: `shardId-000000000000:${sequence}`,
    eventName: 'aws:kinesis:record',
    invokeIdentityArn: 'arn:aws:iam::123456789012:role/live-consumer',
    awsRegion: 'us-east-1',
    eventSourceARN: 'arn:aws:kinesis:us-east-1:123456789012:stream/clickstream-events',
  })),
});

describe('the live consumer Lambda, bundled', () => {
  it('writes the eligible events of a batch once, and reports no failures', async () => {
    configure({ CLICKSTREAM_LIVE_TABLE: 'clickstream-live', CLICKSTREAM_DYNAMODB_ENDPOINT: dynalite.endpoint });
    const { kept, excluded } = liveScenario(new Date());
    const event = kinesisEvent([kept.aAdd, kept.aAdd, kept.bOrder, excluded.bot, 'not json']);
    expect(await bundle.handler(event)).toEqual({ batchItemFailures: [] });
    const items = (await DynamoDBDocumentClient.from(dynalite.client).send(new ScanCommand({ TableName: 'clickstream-live' }))).Items ?? [];
    expect(items.map((item) => item.event_id).sort()).toEqual([kept.aAdd.event_id, kept.bOrder.event_id].sort());
  });

  it('hands back each record it could not write as a batch item failure, by sequence number', async () => {
    configure({ CLICKSTREAM_LIVE_TABLE: 'no-such-table', CLICKSTREAM_DYNAMODB_ENDPOINT: dynalite.endpoint });
    const { kept } = liveScenario(new Date());
    const event = kinesisEvent([kept.aView, kept.cHome]);
    const { batchItemFailures } = await bundle.handler(event);
    expect(batchItemFailures.map((f) => f.itemIdentifier).sort()).toEqual(event.Records.map((r) => r.kinesis.sequenceNumber).sort());
  });

  it('fails the whole batch, naming the variable, when no table is configured', async () => {
    configure({ CLICKSTREAM_LIVE_TABLE: undefined });
    await expect(bundle.handler(kinesisEvent([]))).rejects.toThrow(/CLICKSTREAM_LIVE_TABLE/);
  });
});
