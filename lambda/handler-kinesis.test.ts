// The ingestion Lambda with the stream transport: the variables a stream deployment sets, a real
// kinesis-local, and an API Gateway v2 event. (lambda/handler.test.ts covers the per-event transport.)
import type { KinesisClient } from '@aws-sdk/client-kinesis';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { storedEventSchema } from '../lib/contract/events';
import { pageView } from '../lib/ingest/test-fixtures';
import { startKinesisLocal, type RunningServer } from '../lib/ingest/test-servers';
import { ensureStream } from '../lib/stream/ensure-stream';
import { createKinesisClient } from '../lib/stream/kinesis-client';
import { readWholeStream, text } from '../lib/stream/test-stream';
import type { HttpApiEvent } from './api-gateway';
import { handler, resetHandlerForTests } from './handler';

const STREAM = 'lumen-lambda-stream';
let kinesis: RunningServer;
let client: KinesisClient;
const savedEnv = { ...process.env };

beforeAll(async () => {
  kinesis = await startKinesisLocal();
  client = createKinesisClient({ endpoint: kinesis.endpoint });
  await ensureStream(client, STREAM);
  Object.assign(process.env, { CLICKSTREAM_SINK: 'kinesis', CLICKSTREAM_KINESIS_STREAM: STREAM, CLICKSTREAM_KINESIS_ENDPOINT: kinesis.endpoint, CLICKSTREAM_KINESIS_REGION: 'us-east-1' });
  resetHandlerForTests();
}, 60_000);

afterAll(async () => {
  process.env = savedEnv;
  resetHandlerForTests();
  client?.destroy();
  await kinesis?.stop();
});

it('puts the events of an API Gateway request on the stream, with the request id and the caller address API Gateway saw', async () => {
  const events = [pageView(), pageView()];
  const body = JSON.stringify({ events });
  const event = {
    version: '2.0',
    routeKey: 'POST /clickstream',
    rawPath: '/clickstream',
    headers: { 'content-type': 'text/plain;charset=UTF-8', 'content-length': String(body.length), 'user-agent': 'Mozilla/5.0 (X11; Linux x86_64) Chrome/131.0.0.0 Safari/537.36' },
    requestContext: { http: { method: 'POST', path: '/clickstream', sourceIp: '198.51.100.77' }, requestId: 'JKJaXmPLvHcESHA=', timeEpoch: Date.parse('2026-11-23T10:00:00.000Z') },
    body,
    isBase64Encoded: false,
  } as unknown as HttpApiEvent;
  const answer = await handler(event);
  expect(answer.statusCode).toBe(202);

  const records = await readWholeStream(client, STREAM);
  const stored = records.map((record) => storedEventSchema.parse(JSON.parse(text(record))));
  expect(stored.map((e) => e.event_id).sort()).toEqual(events.map((e) => e.event_id as string).sort());
  expect(stored[0]).toMatchObject({ request_id: 'JKJaXmPLvHcESHA=', source_ip: '198.51.100.0', event_timestamp: '2026-11-23T10:00:00.000Z' });
  expect(records.map((record) => record.partitionKey)).toEqual(stored.map((e) => e.session_id));
}, 30_000);
