// The Lambda as the stack deploys it: the real bundle in a fresh Node process, configured only by
// the environment the template gives it, writing to an S3 server (s3rver) in the bucket's place.
// Then the keys it wrote must be where the Glue table reads, with the columns the table declares.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GetObjectCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import type { CfnResource } from 'aws-cdk-lib';
import S3rver from 's3rver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pageView } from '../../lib/ingest/test-fixtures';
import { invokeBundledHandler } from './lambda-process';
import { only, synthStack } from './stack';

const BUCKET = 'lumen-raw-events-test';
const STORE_ORIGIN = 'https://main.d1example.amplifyapp.com';
const { stack, template } = synthStack();
const rawId = stack.getLogicalId(stack.raw.bucket.node.defaultChild as CfnResource);
const refs: Record<string, unknown> = {
  [rawId]: BUCKET,
  AllowedOrigins: [STORE_ORIGIN, 'https://www.lumen.example'],
  [stack.getLogicalId(stack.auth.userPool.node.defaultChild as CfnResource)]: 'us-east-1_Example01',
  [stack.getLogicalId(stack.auth.client.node.defaultChild as CfnResource)]: 'exampleclientid0123456789',
};

/** Resolves the two intrinsics the template uses here, as CloudFormation would with the values above. */
function resolve(value: unknown): unknown {
  if (typeof value === 'string') return value;
  const node = value as Record<string, unknown>;
  if ('Ref' in node) {
    if (!((node.Ref as string) in refs)) throw new Error(`unexpected Ref ${node.Ref}`);
    return refs[node.Ref as string];
  }
  if ('Fn::Join' in node) {
    const [separator, parts] = node['Fn::Join'] as [string, unknown];
    const list = Array.isArray(parts) ? parts.map(resolve) : (resolve(parts) as unknown[]);
    return list.flat().join(separator);
  }
  throw new Error(`unexpected intrinsic ${JSON.stringify(value)}`);
}

const [, fn] = only(template, 'AWS::Lambda::Function');
const lambdaEnv = Object.fromEntries(
  Object.entries((fn.Properties as Record<string, any>).Environment.Variables).map(([name, value]) => [name, resolve(value) as string]),
);
const tableInput = (only(template, 'AWS::Glue::Table')[1].Properties as Record<string, any>).TableInput;

let server: S3rver;
let s3: S3Client;
let endpoint: string;
const dataDir = mkdtempSync(join(tmpdir(), 'lumen-s3rver-'));

beforeAll(async () => {
  // The test's own S3 client runs on the suite's Node (20); the deployed Lambda runs Node 22.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
  server = new S3rver({ address: '127.0.0.1', port: 0, silent: true, directory: dataDir, configureBuckets: [{ name: BUCKET }] });
  const { port } = await server.run();
  endpoint = `http://127.0.0.1:${port}`;
  const credentials = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' };
  s3 = new S3Client({ region: 'us-east-1', endpoint, forcePathStyle: true, credentials });
});
afterAll(async () => {
  await server?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

/** Invokes the bundle with the template's environment, plus the address of the S3 server. */
function invoke(body: string, origin: string) {
  const env = { ...lambdaEnv, AWS_REGION: 'us-east-1', AWS_ACCESS_KEY_ID: 'S3RVER', AWS_SECRET_ACCESS_KEY: 'S3RVER', CLICKSTREAM_S3_ENDPOINT: endpoint };
  return invokeBundledHandler(env, body, origin);
}

// The ingestion tests' own contract-valid event, as the store would send it from a collection page.
const pageViewOf = (eventId: string) =>
  pageView({ event_id: eventId, page_url: `${STORE_ORIGIN}/collections/rings`, page_path: '/collections/rings' });

async function keysUnder(prefix: string): Promise<string[]> {
  const listed = await s3.send(new ListObjectsV2Command({ Bucket: BUCKET, Prefix: prefix }));
  return (listed.Contents ?? []).map((object) => object.Key!);
}

describe('the deployed handler, configured by the template', () => {
  it('gets exactly the environment variables the handler reads', () => {
    expect(lambdaEnv).toEqual({
      CLICKSTREAM_S3_BUCKET: BUCKET,
      CLICKSTREAM_ALLOWED_ORIGINS: `${STORE_ORIGIN},https://www.lumen.example`,
      CLICKSTREAM_COGNITO_USER_POOL_ID: 'us-east-1_Example01',
      CLICKSTREAM_COGNITO_CLIENT_ID: 'exampleclientid0123456789',
    });
  });

  it('stores an event from the store origin where the Athena table reads it, with the table columns', async () => {
    const eventId = randomUUID();
    const result = await invoke(JSON.stringify({ events: [pageViewOf(eventId)] }), STORE_ORIGIN);
    expect(result.statusCode, result.body).toBe(202);
    expect(JSON.parse(result.body).accepted).toEqual([eventId]);

    // The partition the projection computes for today, substituted into the table's location template.
    const dt = new Date().toISOString().slice(0, 10).replaceAll('-', '/');
    const template = resolve(tableInput.Parameters['storage.location.template']) as string;
    const partitionPrefix = template.replace('${dt}', dt).replace(`s3://${BUCKET}/`, '');
    expect(await keysUnder(partitionPrefix)).toEqual([`${partitionPrefix}event-${eventId}.json`]);

    const object = await s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: `${partitionPrefix}event-${eventId}.json` }));
    const text = await object.Body!.transformToString();
    // The OpenX JSON SerDe reads one object per line: a pretty-printed file would break queries.
    expect(text.trim().split('\n')).toHaveLength(1);
    const stored = JSON.parse(text);
    const columns = (tableInput.StorageDescriptor.Columns as { Name: string }[]).map((column) => column.Name);
    expect(Object.keys(stored).sort()).toEqual([...columns].sort());
    expect(stored).toMatchObject({ event_id: eventId, page_path: '/collections/rings', source_ip: '203.0.113.0', schema_version: 1 });
  });

  it('keeps a rejected event under rejected/, the other prefix it may write', async () => {
    const before = await keysUnder('rejected/');
    const result = await invoke(JSON.stringify({ events: [{ ...pageViewOf(randomUUID()), screen_width: 'wide' }] }), STORE_ORIGIN);
    expect(result.statusCode).toBe(400);
    expect(JSON.parse(result.body).rejected[0].errors[0].field).toBe('screen_width');
    const added = (await keysUnder('rejected/')).filter((key) => !before.includes(key));
    expect(added).toHaveLength(1);
    expect(added[0]).toMatch(/^rejected\/\d{4}\/\d{2}\/\d{2}\/[^/]+\.json$/);
  });

  it('refuses an origin that is not in the AllowedOrigins parameter and stores nothing', async () => {
    const eventId = randomUUID();
    const result = await invoke(JSON.stringify({ events: [pageViewOf(eventId)] }), 'https://evil.example');
    expect(result.statusCode).toBe(403);
    const everything = [...(await keysUnder('events/')), ...(await keysUnder('rejected/'))];
    expect(everything.some((key) => key.includes(eventId))).toBe(false);
  });
});
