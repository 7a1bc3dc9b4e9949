import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { GetObjectCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storedEventSchema } from '@/lib/contract/events';
import { silentLogger } from './log';
import { createIngestFromEnv } from './runtime';
import { S3Sink } from './s3-sink';
import { ingestRequest, pageView } from './test-fixtures';
import { startS3rver, type RunningServer } from './test-servers';

const BUCKET = 'lumen-clickstream-test';
let s3rver: RunningServer;
let client: S3Client;
const saved = { id: process.env.AWS_ACCESS_KEY_ID, secret: process.env.AWS_SECRET_ACCESS_KEY };

beforeAll(async () => {
  s3rver = await startS3rver(BUCKET);
  // The sink takes credentials from the standard chain, as on Lambda; s3rver accepts these.
  process.env.AWS_ACCESS_KEY_ID = 'S3RVER';
  process.env.AWS_SECRET_ACCESS_KEY = 'S3RVER';
  client = new S3Client({ region: 'us-east-1', endpoint: s3rver.endpoint, forcePathStyle: true });
}, 30_000);

afterAll(async () => {
  process.env.AWS_ACCESS_KEY_ID = saved.id;
  process.env.AWS_SECRET_ACCESS_KEY = saved.secret;
  client?.destroy();
  await s3rver?.stop();
});

async function listKeys(prefix: string): Promise<string[]> {
  const keys: string[] = [];
  let token: string | undefined;
  do {
    // Small pages, so the listing really pages.
    const page = await client.send(new ListObjectsV2Command({ Bucket: BUCKET, Prefix: prefix, MaxKeys: 2, ContinuationToken: token }));
    keys.push(...(page.Contents ?? []).map((object) => object.Key!));
    token = page.NextContinuationToken;
  } while (token);
  return keys.sort();
}

async function getJson(key: string): Promise<Record<string, unknown>> {
  const object = await client.send(new GetObjectCommand({ Bucket: BUCKET, Key: key }));
  expect(object.ContentType).toBe('application/json');
  return JSON.parse(await object.Body!.transformToString());
}

describe('S3 sink against s3rver', () => {
  it('stores accepted events at events/YYYY/MM/DD/event-<id>.json and rejected ones apart, via the core', async () => {
    const { handle } = createIngestFromEnv(
      { CLICKSTREAM_S3_BUCKET: BUCKET, CLICKSTREAM_S3_ENDPOINT: s3rver.endpoint, CLICKSTREAM_S3_REGION: 'us-east-1' },
      silentLogger,
    );
    const events = [pageView(), pageView(), pageView()];
    const now = new Date('2026-05-06T07:08:09.000Z');
    const response = await handle(ingestRequest(JSON.stringify({ events: [...events, { event_name: 'nope' }] }), { now }));
    expect(response.status).toBe(202);

    expect(await listKeys('events/')).toEqual(events.map((e) => `events/2026/05/06/event-${e.event_id}.json`).sort());
    const stored = await getJson(`events/2026/05/06/event-${events[0].event_id}.json`);
    expect(storedEventSchema.parse(stored)).toMatchObject({ ...events[0], event_timestamp: now.toISOString(), source_ip: '203.0.113.0' });

    const [rejected] = await listKeys('rejected/2026/05/06/');
    expect((await getJson(rejected)).rejected).toEqual([expect.objectContaining({ index: 3, errors: expect.arrayContaining([{ field: 'event_name', message: expect.any(String) }]) })]);
  });

  it('keeps the first stored copy and accepts the repeat, checking first where conditional writes are off (s3rver ignores If-None-Match)', async () => {
    const { handle } = createIngestFromEnv(
      { CLICKSTREAM_S3_BUCKET: BUCKET, CLICKSTREAM_S3_ENDPOINT: s3rver.endpoint, CLICKSTREAM_S3_REGION: 'us-east-1', CLICKSTREAM_S3_CONDITIONAL_WRITES: 'false' },
      silentLogger,
    );
    const event = pageView();
    const now = new Date('2026-05-07T08:00:00.000Z');
    const answers = [];
    for (const sent of [event, { ...event, page_title: 'Rewritten by someone who knows the id' }]) {
      answers.push(JSON.parse((await handle(ingestRequest(JSON.stringify(sent), { now }))).body));
    }
    expect(answers).toEqual([{ accepted: [event.event_id], rejected: [] }, { accepted: [event.event_id], rejected: [] }]);
    const key = `events/2026/05/07/event-${event.event_id}.json`;
    expect(await listKeys('events/2026/05/07/')).toEqual([key]);
    expect((await getJson(key)).page_title).toBe(event.page_title);
  });

  it('writes with If-None-Match: * and takes S3\'s 412 as the object already stored', async () => {
    // S3's answer to a conditional write on an existing key, which s3rver does not give.
    const stored = new Map<string, string>();
    const seen: (string | undefined)[] = [];
    const fakeS3 = http.createServer((request, response) => {
      let body = '';
      request.on('data', (chunk) => (body += chunk));
      request.on('end', () => {
        seen.push(request.headers['if-none-match']);
        if (request.headers['if-none-match'] === '*' && stored.has(request.url!)) {
          response.writeHead(412, { 'content-type': 'application/xml' });
          return response.end('<?xml version="1.0" encoding="UTF-8"?><Error><Code>PreconditionFailed</Code><Message>At least one of the pre-conditions you specified did not hold</Message></Error>');
        }
        stored.set(request.url!, body);
        response.writeHead(200, { etag: '"1"' }).end();
      });
    });
    await new Promise<void>((resolve) => fakeS3.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = fakeS3.address() as AddressInfo;
      const sink = new S3Sink({ bucket: BUCKET, endpoint: `http://127.0.0.1:${port}`, region: 'us-east-1' });
      const key = 'events/2026/05/07/event-0b7e3a52-8f7c-4e0e-9d4a-3f1f2b6c9e01.json';
      await sink.write([{ key, body: '{"try":1}' }]);
      await expect(sink.write([{ key, body: '{"try":2}' }])).resolves.toBeUndefined();
      expect(seen).toEqual(['*', '*']);
      expect([...stored.values()]).toEqual(['{"try":1}']);
    } finally {
      fakeS3.close();
    }
  });

  it('makes the API answer 503 when the bucket does not exist', async () => {
    const { handle } = createIngestFromEnv(
      { CLICKSTREAM_S3_BUCKET: 'no-such-bucket', CLICKSTREAM_S3_ENDPOINT: s3rver.endpoint, CLICKSTREAM_S3_REGION: 'us-east-1' },
      silentLogger,
    );
    const response = await handle(ingestRequest(JSON.stringify(pageView())));
    expect(response.status).toBe(503);
    expect(response.body).not.toMatch(/NoSuchBucket|no-such-bucket/);
  });
});
