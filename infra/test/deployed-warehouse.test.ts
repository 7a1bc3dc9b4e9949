// The analytics Lambdas as the stack deploys them: the real loader and insights bundles in fresh
// Node processes, configured by the environment the template gives them, invoked with the events
// AWS sends (EventBridge Scheduler's input; an HTTP API v2 request with the JWT authorizer's
// claims). Aurora is the embedded PostgreSQL with TLS, the roles of warehouse-roles.sql and a CA of
// the test's own; the raw bucket is s3rver.
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import type { CfnResource } from 'aws-cdk-lib';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventKey } from '../../lib/ingest/layout';
import { startS3rver, type RunningServer } from '../../lib/ingest/test-servers';
import { parseRange } from '../../lib/insights/range';
import { REPORT_NAMES, REPORTS } from '../../lib/insights/reports';
import { orderValue, ORDER_A, ORDER_C, RANGE, storeEvents } from '../../lib/insights/test-fixtures';
import { INSIGHTS_LAMBDA_DIR, LOADER_LAMBDA_DIR } from '../lib/lambda-code';
import { INSIGHTS_DB_USER, LOADER_DB_USER, ROLES_SQL } from '../lib/warehouse-db';
import { runBundle, type HandlerResult } from './lambda-process';
import { only, synthAnalytics } from './stack';
import { startTlsPostgres, type TlsPostgres } from './tls-postgres';

const BUCKET = 'lumen-raw-events-warehouse-test';
const { stack, template } = synthAnalytics();
const resources = template.toJSON().Resources;
const clusterId = only(template, 'AWS::RDS::DBCluster')[0];
const functionEnv = (fn: { node: { defaultChild?: unknown } }) =>
  resources[stack.getLogicalId(fn.node.defaultChild as CfnResource)].Properties.Environment.Variables as Record<string, unknown>;

let db: TlsPostgres;
let s3: RunningServer;
let admin: pg.Pool;
const events = storeEvents();

/** The template's environment as CloudFormation would fill it in here, with the test CA in the runtime's place. */
function deployedEnv(variables: Record<string, unknown>, overrides: Record<string, string> = {}): Record<string, string> {
  const resolve = (value: unknown): string => {
    if (typeof value === 'string') return value;
    const json = JSON.stringify(value);
    if (json === JSON.stringify({ 'Fn::GetAtt': [clusterId, 'Endpoint.Address'] })) return '127.0.0.1';
    if (json === JSON.stringify({ 'Fn::GetAtt': [clusterId, 'Endpoint.Port'] })) return String(db.port);
    if (/"Fn::ImportValue":".*RawEventsBucket/.test(json)) return BUCKET;
    throw new Error(`unexpected intrinsic ${json}`);
  };
  const env = Object.fromEntries(Object.entries(variables).map(([name, value]) => [name, resolve(value)]));
  // The Lambda runtime's Amazon RDS CAs are not on this machine; the test CA signed this server's certificate.
  expect(env.NODE_EXTRA_CA_CERTS).toBe('/var/runtime/ca-cert.pem');
  return {
    ...env,
    NODE_EXTRA_CA_CERTS: db.caFile,
    AWS_REGION: 'us-east-1',
    // Signs the IAM database token and the S3 requests; s3rver accepts these, and the test server trusts the users.
    AWS_ACCESS_KEY_ID: 'S3RVER',
    AWS_SECRET_ACCESS_KEY: 'S3RVER',
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    CLICKSTREAM_S3_ENDPOINT: s3.endpoint,
    ...overrides,
  };
}

/** What EventBridge Scheduler sends: the schedule's input with its context attributes filled in. */
function scheduledEvent() {
  const [, schedule] = only(template, 'AWS::Scheduler::Schedule');
  const input = (schedule.Properties as Record<string, any>).Target.Input as string;
  return JSON.parse(input.replace('<aws.scheduler.scheduled-time>', new Date().toISOString()).replace('<aws.scheduler.execution-id>', randomUUID()));
}

type LoadResult = { new: number; duplicate: number; bad: number; filesRead: number; newestEventAt: string | null };
const load = (overrides?: Record<string, string>) => runBundle<LoadResult>(LOADER_LAMBDA_DIR, deployedEnv(functionEnv(stack.loader.handler), overrides), scheduledEvent());

/** A `GET /insights/{report}` as API Gateway hands it over once its JWT authorizer accepted the token. */
function insightsEvent(report: string, claims: Record<string, string> | null) {
  const query = `from=${RANGE.from}&to=${RANGE.to}`;
  return {
    version: '2.0',
    routeKey: 'GET /insights/{report}',
    rawPath: `/insights/${report}`,
    rawQueryString: query,
    headers: { authorization: 'Bearer eyJ...', origin: 'https://main.d1example.amplifyapp.com' },
    queryStringParameters: Object.fromEntries(new URLSearchParams(query)),
    pathParameters: { report },
    isBase64Encoded: false,
    requestContext: {
      requestId: `req-${randomUUID()}`,
      routeKey: 'GET /insights/{report}',
      timeEpoch: Date.now(),
      http: { method: 'GET', path: `/insights/${report}`, sourceIp: '203.0.113.7' },
      ...(claims ? { authorizer: { jwt: { claims, scopes: null } } } : {}),
    },
  };
}
const insightsRequest = async (report: string, claims: Record<string, string> | null) =>
  (await runBundle<HandlerResult>(INSIGHTS_LAMBDA_DIR, deployedEnv(functionEnv(stack.insights.handler)), insightsEvent(report, claims))).result;
// API Gateway passes claims as strings; a list claim arrives as "[a b]".
const analyst = { sub: randomUUID(), token_use: 'id', email: 'ana@lumen.example', 'cognito:groups': '[analysts]' };
const shopper = { sub: randomUUID(), token_use: 'id', email: 'sam@lumen.example' };

beforeAll(async () => {
  // The test's own S3 client runs on the suite's Node (20); the deployed Lambdas run Node 22.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
  [db, s3] = await Promise.all([startTlsPostgres([LOADER_DB_USER, INSIGHTS_DB_USER]), startS3rver(BUCKET)]);
  admin = new pg.Pool({ connectionString: db.adminUrl, max: 2 });
  // The server stops under it at the end.
  admin.on('error', () => {});
  await admin.query(ROLES_SQL);
  const client = new S3Client({ region: 'us-east-1', endpoint: s3.endpoint, forcePathStyle: true, credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' } });
  const put = (Key: string, Body: string) => client.send(new PutObjectCommand({ Bucket: BUCKET, Key, Body }));
  // Each event where the ingestion stores it on the day it arrived; one file that is not an event.
  await Promise.all(events.map((event) => put(eventKey(event.event_id, new Date(event.event_timestamp)), JSON.stringify(event))));
  await put('events/2026/11/12/event-not-json.json', '{"event_id": ');
  await put('rejected/2026/11/12/req-1.json', JSON.stringify({ reason: 'never loaded' }));
  client.destroy();
}, 60_000);
afterAll(async () => {
  await admin?.end();
  await Promise.all([db?.stop(), s3?.stop()]);
});

describe('the deployed loader, run by the schedule', () => {
  it('loads every event file from events/ over verified TLS as clickstream_loader, and reports its lag as a metric', async () => {
    const { result, stdout } = await load();
    expect(result).toMatchObject({ new: events.length, duplicate: 0, bad: 1, filesRead: events.length + 1 });
    const { rows } = await admin.query('SELECT count(*)::int AS n FROM clickstream_events');
    expect(rows[0].n).toBe(events.length);
    const owner = await admin.query("SELECT tableowner FROM pg_tables WHERE tablename = 'clickstream_events'");
    expect(owner.rows[0].tableowner).toBe(LOADER_DB_USER);

    const newest = Math.max(...events.map((event) => Date.parse(event.event_timestamp)));
    const metrics = JSON.parse(stdout.split('\n').find((line) => line.includes('"CloudWatchMetrics"'))!);
    expect(metrics._aws.CloudWatchMetrics[0]).toMatchObject({ Namespace: 'Lumen/Warehouse', Dimensions: [[]] });
    expect(metrics.EventsLoaded).toBe(events.length);
    expect(Math.abs(metrics.NewestEventAgeSeconds - (metrics._aws.Timestamp - newest) / 1000)).toBeLessThanOrEqual(1);
    expect(stdout).toContain(`warehouse: ${events.length} new, 0 duplicate, 1 bad, ${events.length + 1} files read`);
  });

  it('finds nothing new on the next run', async () => {
    const { result } = await load();
    expect(result).toMatchObject({ new: 0, bad: 0, filesRead: 0 });
  });

  it('fails the run (for the alarm and the failed-runs queue) when the server certificate is not from a trusted CA', async () => {
    await expect(load({ NODE_EXTRA_CA_CERTS: '' })).rejects.toMatchObject({ stderr: expect.stringMatching(/certificate/i) });
  });
});

describe('the deployed insights API, behind the JWT authorizer', () => {
  it('answers every report for an analyst exactly as the insights core does on the same warehouse', async () => {
    const range = parseRange(RANGE);
    if (!range.ok) throw new Error(range.error);
    for (const report of REPORT_NAMES) {
      const response = await insightsRequest(report, analyst);
      expect(response.statusCode, response.body).toBe(200);
      expect(JSON.parse(response.body)).toEqual(JSON.parse(JSON.stringify(await REPORTS[report].run(admin, range.range))));
    }
  });

  it('counts the fixture store: four sessions started in the range, two orders and their revenue', async () => {
    const overview = JSON.parse((await insightsRequest('overview', analyst)).body);
    expect(overview).toMatchObject({ sessions: 4, orders: 2, revenue: orderValue(ORDER_A) + orderValue(ORDER_C) });
  });

  it('answers 403 to a signed-in user outside the analysts group, and 401 without claims', async () => {
    const denied = await insightsRequest('overview', shopper);
    expect(denied.statusCode).toBe(403);
    expect(JSON.parse(denied.body).error).toMatch(/analysts group/);
    expect((await insightsRequest('overview', null)).statusCode).toBe(401);
  });

  it('answers 500 and logs the missing setting when the stack did not configure it', async () => {
    const env = deployedEnv(functionEnv(stack.insights.handler));
    delete env.WAREHOUSE_DB_HOST;
    const { result, stderr } = await runBundle<HandlerResult>(INSIGHTS_LAMBDA_DIR, env, insightsEvent('overview', analyst));
    expect(result.statusCode).toBe(500);
    expect(JSON.parse(result.body).error).toMatch(/misconfigured/);
    expect(stderr).toContain('WAREHOUSE_DB_HOST is not set');
  });

  it('connects as a role that can read the warehouse but not change it', async () => {
    const reader = new pg.Client({ host: '127.0.0.1', port: db.port, user: INSIGHTS_DB_USER, database: 'clickstream_dw', ssl: { ca: readFileSync(db.caFile, 'utf8') } });
    await reader.connect();
    try {
      await expect(reader.query('DELETE FROM clickstream_events')).rejects.toMatchObject({ code: '25006' });
      await reader.query('SET default_transaction_read_only = off');
      await expect(reader.query('DELETE FROM clickstream_events')).rejects.toMatchObject({ code: '42501' });
      expect((await reader.query('SELECT count(*)::int AS n FROM clickstream_sessions')).rows[0].n).toBeGreaterThan(0);
    } finally {
      await reader.end();
    }
  });
});
