import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IPHONE_UA, pageView } from '../lib/ingest/test-fixtures';
import { startS3rver, type RunningServer } from '../lib/ingest/test-servers';
import type { HttpApiEvent } from './api-gateway';
import { handler, resetHandlerForTests } from './handler';

const BUCKET = 'lumen-lambda-test';
const ORIGIN = 'https://main.d1abcdef.amplifyapp.com';
let s3rver: RunningServer;
let client: S3Client;
const savedEnv = { ...process.env };

beforeAll(async () => {
  s3rver = await startS3rver(BUCKET);
  // Exactly the variables the CDK stack sets (plus the endpoint and keys s3rver needs).
  Object.assign(process.env, {
    CLICKSTREAM_S3_BUCKET: BUCKET,
    CLICKSTREAM_S3_ENDPOINT: s3rver.endpoint,
    CLICKSTREAM_S3_REGION: 'us-east-1',
    CLICKSTREAM_ALLOWED_ORIGINS: ORIGIN,
    AWS_ACCESS_KEY_ID: 'S3RVER',
    AWS_SECRET_ACCESS_KEY: 'S3RVER',
  });
  resetHandlerForTests();
  client = new S3Client({ region: 'us-east-1', endpoint: s3rver.endpoint, forcePathStyle: true });
}, 30_000);

afterAll(async () => {
  process.env = savedEnv;
  resetHandlerForTests();
  client?.destroy();
  await s3rver?.stop();
});

// The shape API Gateway HTTP API sends with payload format 2.0 (trimmed of nothing the docs list).
function apiGatewayEvent(body: string | undefined, options: { base64?: boolean; method?: string; headers?: Record<string, string> } = {}): HttpApiEvent & Record<string, unknown> {
  const method = options.method ?? 'POST';
  return {
    version: '2.0',
    routeKey: `${method} /clickstream`,
    rawPath: '/clickstream',
    rawQueryString: '',
    headers: {
      accept: '*/*',
      'content-length': String(body ? Buffer.byteLength(body) : 0),
      'content-type': 'text/plain;charset=UTF-8',
      host: 'abc123.execute-api.eu-west-1.amazonaws.com',
      origin: ORIGIN,
      'user-agent': IPHONE_UA,
      'x-amzn-trace-id': 'Root=1-67891233-abcdef012345678912345678',
      'x-forwarded-for': '198.51.100.77',
      'x-forwarded-port': '443',
      'x-forwarded-proto': 'https',
      ...options.headers,
    },
    requestContext: {
      accountId: '123456789012',
      apiId: 'abc123',
      domainName: 'abc123.execute-api.eu-west-1.amazonaws.com',
      domainPrefix: 'abc123',
      http: { method, path: '/clickstream', protocol: 'HTTP/1.1', sourceIp: '198.51.100.77', userAgent: IPHONE_UA },
      requestId: 'JKJaXmPLvHcESHA=',
      routeKey: `${method} /clickstream`,
      stage: '$default',
      time: '23/Nov/2026:10:00:00 +0000',
      timeEpoch: Date.parse('2026-11-23T10:00:00.000Z'),
    },
    body: options.base64 && body !== undefined ? Buffer.from(body).toString('base64') : body,
    isBase64Encoded: Boolean(options.base64),
  };
}

async function stored(eventId: string) {
  const object = await client.send(new GetObjectCommand({ Bucket: BUCKET, Key: `events/2026/11/23/event-${eventId}.json` }));
  return JSON.parse(await object.Body!.transformToString());
}

describe('Lambda adapter', () => {
  it('stores a plain-text body in S3 with the API Gateway request id and source IP', async () => {
    const event = pageView();
    const result = await handler(apiGatewayEvent(JSON.stringify({ events: [event] })));
    expect(result.statusCode).toBe(202);
    expect(result.headers['access-control-allow-origin']).toBe(ORIGIN);
    expect(JSON.parse(result.body).accepted).toEqual([event.event_id]);
    expect(await stored(event.event_id as string)).toMatchObject({
      event_id: event.event_id,
      request_id: 'JKJaXmPLvHcESHA=',
      source_ip: '198.51.100.0',
      event_timestamp: '2026-11-23T10:00:00.000Z',
      device_type: 'mobile',
    });
  });

  it('decodes a base64 body, UTF-8 included', async () => {
    const event = pageView({ page_title: 'Bague Étoile — Lumen ✨' });
    const result = await handler(apiGatewayEvent(JSON.stringify(event), { base64: true, headers: { 'content-type': 'application/json' } }));
    expect(result.statusCode).toBe(202);
    expect((await stored(event.event_id as string)).page_title).toBe('Bague Étoile — Lumen ✨');
  });

  it('rejects bad input with the field and reason, and oversize bodies with 413', async () => {
    const bad = await handler(apiGatewayEvent(JSON.stringify(pageView({ event_id: 'nope' }))));
    expect(bad.statusCode).toBe(400);
    expect(JSON.parse(bad.body).rejected[0].errors).toContainEqual({ field: 'event_id', message: expect.stringMatching(/UUID/i) });

    const huge = 'x'.repeat(600 * 1024);
    const tooBig = await handler(apiGatewayEvent(huge, { base64: true }));
    expect(tooBig.statusCode).toBe(413);

    const missing = await handler(apiGatewayEvent(undefined));
    expect(missing.statusCode).toBe(400);

    // JSON.stringify overflows the stack on this; the answer must still be the event's rejection.
    const deep = await handler(apiGatewayEvent(`{"events":[${'['.repeat(5000)}${']'.repeat(5000)}]}`));
    expect(deep.statusCode).toBe(400);
    expect(JSON.parse(deep.body).rejected[0].errors).toEqual([{ field: '(event)', message: expect.stringMatching(/deeper than 16 levels/) }]);
  });

  it('refuses a foreign origin', async () => {
    const result = await handler(apiGatewayEvent(JSON.stringify(pageView()), { headers: { origin: 'https://evil.example' } }));
    expect(result.statusCode).toBe(403);
    expect(result.headers['access-control-allow-origin']).toBeUndefined();
  });
});
