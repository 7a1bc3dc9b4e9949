// GET /api/insights/live as the Next route serves it: the same sign-in as every report, from the
// warehouse without a live table and from a real dynalite with one, the source named in the answer.
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ANALYST, DEMO_POOL, DEMO_SHOPPER } from '../../scripts/cognito-seed.mjs';
import { silentLogger } from '../ingest/log';
import { cognitoLocalTokens, freePort, startCognitoLocal, type RunningServer } from '../ingest/test-servers';
import { createLiveConsumer } from '../live/consumer';
import { liveSchema } from '../live/report';
import { ensureLiveTable } from '../live/table';
import { startDynalite, type RunningDynalite } from '../live/test-dynalite';
import { liveScenario, scenarioFigures, toRecord } from '../live/test-fixtures';
import { freshDatabase, type TestDatabase } from '../warehouse/test-db';
import { insertEvents } from '../warehouse/test-fixtures';
import { createWebInsightsHandler } from './web-adapter';

let cognito: RunningServer;
let dynalite: RunningDynalite;
let db: TestDatabase;
let analyst: string;
let shopper: string;
let env: Record<string, string>;
const scenario = liveScenario(new Date());

beforeAll(async () => {
  [cognito, dynalite, db] = await Promise.all([startCognitoLocal(), startDynalite(), freshDatabase()]);
  analyst = (await cognitoLocalTokens(cognito.endpoint, DEMO_POOL.clientId, DEMO_ANALYST)).IdToken;
  shopper = (await cognitoLocalTokens(cognito.endpoint, DEMO_POOL.clientId, DEMO_SHOPPER)).IdToken;
  env = { CLICKSTREAM_COGNITO_ISSUER: `${cognito.endpoint}/${DEMO_POOL.userPoolId}`, CLICKSTREAM_COGNITO_CLIENT_ID: DEMO_POOL.clientId, DATABASE_URL: db.url };
  await insertEvents(db.pool, scenario.events);
  await ensureLiveTable(dynalite.client, 'clickstream-live');
  await createLiveConsumer({ client: DynamoDBDocumentClient.from(dynalite.client), table: 'clickstream-live', log: silentLogger }).handle(scenario.events.map(toRecord));
}, 60_000);
afterAll(async () => {
  await Promise.all([cognito?.stop(), dynalite?.stop(), db?.close()]);
});

async function get(search: string, token: string | null, extraEnv: Record<string, string> = {}) {
  const handle = createWebInsightsHandler({ ...env, ...extraEnv }, silentLogger);
  const request = new Request(`http://127.0.0.1:3000/api/insights/live${search}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  const response = await handle(request, 'live');
  return { status: response.status, body: await response.json() };
}

const { figures } = scenarioFigures(scenario);

describe('GET /api/insights/live', () => {
  it('answers from the warehouse without a live table, and says so', async () => {
    const { status, body } = await get('', analyst);
    expect(status).toBe(200);
    expect(liveSchema.parse(body)).toMatchObject({ source: 'warehouse', ...figures });
  });

  it('answers from the live table when CLICKSTREAM_LIVE_TABLE is set, the same figures', async () => {
    const { status, body } = await get('', analyst, { CLICKSTREAM_LIVE_TABLE: 'clickstream-live', CLICKSTREAM_DYNAMODB_ENDPOINT: dynalite.endpoint });
    expect(status).toBe(200);
    expect(liveSchema.parse(body)).toMatchObject({ source: 'stream', ...figures });
  });

  it('asks for the same sign-in as the other reports', async () => {
    expect((await get('', null)).status).toBe(401);
    expect((await get('', shopper)).status).toBe(403);
  });

  it('503 naming what creates the live table when it does not exist', async () => {
    const { status, body } = await get('', analyst, { CLICKSTREAM_LIVE_TABLE: 'no-such-table', CLICKSTREAM_DYNAMODB_ENDPOINT: dynalite.endpoint });
    expect(status).toBe(503);
    expect(body.error).toMatch(/live table does not exist yet.*CLICKSTREAM_SINK=kinesis npm run dev/);
  });

  it('503 when the live table cannot be reached, not an error page', async () => {
    const { status, body } = await get('', analyst, { CLICKSTREAM_LIVE_TABLE: 'clickstream-live', CLICKSTREAM_DYNAMODB_ENDPOINT: `http://127.0.0.1:${await freePort()}` });
    expect(status).toBe(503);
    expect(body.error).toMatch(/live table is not reachable/);
  });

  it('400 for CSV, which the live report does not answer', async () => {
    expect(await get('?format=csv', analyst)).toMatchObject({ status: 400, body: { error: 'the live report answers JSON only' } });
  });
});
