// The Lambda adapter over the core with a real warehouse: API Gateway's event in, its result out.
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import pg from 'pg';
import { silentLogger } from '../lib/ingest/log';
import { streamLive } from '../lib/insights/live';
import { RANGE, loadStore } from '../lib/insights/test-fixtures';
import { createLiveConsumer } from '../lib/live/consumer';
import { liveSchema } from '../lib/live/report';
import { ensureLiveTable } from '../lib/live/table';
import { startDynalite } from '../lib/live/test-dynalite';
import { liveScenario, scenarioFigures, toRecord } from '../lib/live/test-fixtures';
import { freshDatabase, type TestDatabase } from '../lib/warehouse/test-db';
import { answerInsightsEvent, type InsightsEvent } from './insights-handler';

let db: TestDatabase;
beforeAll(async () => {
  db = await freshDatabase();
  await loadStore(db.pool);
});
afterAll(() => db.close());

const analyst = { sub: 'sub-analyst', 'cognito:groups': '[analysts]' };
const event = (report: string, query: Record<string, string>, headers: Record<string, string> = {}): InsightsEvent => ({
  version: '2.0',
  headers,
  pathParameters: { report },
  queryStringParameters: { from: RANGE.from, to: RANGE.to, ...query },
  requestContext: { requestId: 'req-1', http: { method: 'GET' }, authorizer: { jwt: { claims: analyst } } },
});

describe('the insights Lambda', () => {
  it('serves CSV for Accept: text/csv and ?format=csv, with the same claims check', async () => {
    const json = JSON.parse((await answerInsightsEvent(event('acquisition', {}), db.pool, silentLogger)).body);
    const csv = await answerInsightsEvent(event('acquisition', { table: 'channels' }, { Accept: 'text/csv' }), db.pool, silentLogger);
    expect(csv.headers).toMatchObject({ 'content-type': 'text/csv; charset=utf-8', 'content-disposition': `attachment; filename="acquisition-channels-${RANGE.from}-to-${RANGE.to}.csv"` });
    const rows = (json.channels as Record<string, unknown>[]).map((r) => Object.values(r).join(','));
    expect(csv.body).toBe([Object.keys(json.channels[0]).join(','), ...rows].map((line) => `${line}\r\n`).join(''));
    const shopper = { ...event('acquisition', { format: 'csv' }), requestContext: { requestId: 'r', http: { method: 'GET' }, authorizer: { jwt: { claims: { sub: 's' } } } } };
    expect((await answerInsightsEvent(shopper, db.pool, silentLogger)).statusCode).toBe(403);
  });

  it('advises the scheduled loader Lambda, not npm, when the warehouse has no tables yet', async () => {
    // The server's own `postgres` database: reachable, never migrated.
    const empty = new pg.Pool({ connectionString: inject('warehouseServerUrl') });
    try {
      const result = await answerInsightsEvent(event('overview', {}), empty, silentLogger);
      expect(result.statusCode).toBe(503);
      const { error } = JSON.parse(result.body);
      expect(error).toMatch(/scheduled loader Lambda/);
      expect(error).not.toMatch(/npm/);
    } finally {
      await empty.end();
    }
  });

  it('answers the live report from the live table it is given, else from the warehouse, saying which', async () => {
    const fromWarehouse = await answerInsightsEvent(event('live', {}), db.pool, silentLogger);
    expect(liveSchema.parse(JSON.parse(fromWarehouse.body)).source).toBe('warehouse');
    const dynalite = await startDynalite();
    try {
      const client = DynamoDBDocumentClient.from(dynalite.client);
      await ensureLiveTable(dynalite.client, 'clickstream-live');
      const scenario = liveScenario(new Date());
      await createLiveConsumer({ client, table: 'clickstream-live', log: silentLogger }).handle(scenario.events.map(toRecord));
      const live = streamLive(client, { table: 'clickstream-live', endpoint: dynalite.endpoint, region: undefined });
      const fromStream = await answerInsightsEvent(event('live', {}), db.pool, silentLogger, live);
      expect(fromStream.statusCode).toBe(200);
      expect(liveSchema.parse(JSON.parse(fromStream.body))).toMatchObject({ source: 'stream', ...scenarioFigures(scenario).figures });
    } finally {
      await dynalite.stop();
    }
  }, 30_000);
});
