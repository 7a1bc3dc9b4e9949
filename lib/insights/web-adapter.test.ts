// The insights API as the Next route serves it: real tokens from cognito-local, a real warehouse,
// answers checked against the schemas the page shares.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { DEMO_ANALYST, DEMO_POOL, DEMO_SHOPPER } from '../../scripts/cognito-seed.mjs';
import { silentLogger } from '../ingest/log';
import { cognitoLocalTokens, freePort, startCognitoLocal, type RunningServer } from '../ingest/test-servers';
import { freshDatabase, type TestDatabase } from '../warehouse/test-db';
import { REPORTS, REPORT_NAMES } from './reports';
import { ORDER_A, ORDER_C, RANGE, loadStore, orderValue } from './test-fixtures';
import { createWebInsightsHandler } from './web-adapter';

let cognito: RunningServer;
let db: TestDatabase;
let analyst: { IdToken: string; AccessToken: string };
let shopper: { IdToken: string };
let env: Record<string, string>;

beforeAll(async () => {
  [cognito, db] = await Promise.all([startCognitoLocal(), freshDatabase()]);
  await loadStore(db.pool);
  analyst = await cognitoLocalTokens(cognito.endpoint, DEMO_POOL.clientId, DEMO_ANALYST);
  shopper = await cognitoLocalTokens(cognito.endpoint, DEMO_POOL.clientId, DEMO_SHOPPER);
  env = { CLICKSTREAM_COGNITO_ISSUER: `${cognito.endpoint}/${DEMO_POOL.userPoolId}`, CLICKSTREAM_COGNITO_CLIENT_ID: DEMO_POOL.clientId, DATABASE_URL: db.url };
}, 60_000);
afterAll(async () => {
  await cognito?.stop();
  await db?.close();
});

const claimsOf = (jwt: string) => JSON.parse(Buffer.from(jwt.split('.')[1], 'base64url').toString());

let main: ReturnType<typeof createWebInsightsHandler> | undefined;
async function get(path: string, token: string | null, handlerEnv?: Record<string, string>) {
  const handle = handlerEnv ? createWebInsightsHandler(handlerEnv, silentLogger) : (main ??= createWebInsightsHandler(env, silentLogger));
  const url = new URL(path, 'http://127.0.0.1:3000/api/insights/');
  const response = await handle(new Request(url, { headers: token ? { authorization: `Bearer ${token}` } : {} }), url.pathname.split('/').pop()!);
  return { status: response.status, headers: response.headers, body: await response.json() };
}

const query = `?from=${RANGE.from}&to=${RANGE.to}`;

async function getCsv(path: string, headers: Record<string, string> = {}) {
  const url = new URL(path, 'http://127.0.0.1:3000/api/insights/');
  main ??= createWebInsightsHandler(env, silentLogger);
  const response = await main(new Request(url, { headers: { authorization: `Bearer ${analyst.IdToken}`, ...headers } }), url.pathname.split('/').pop()!);
  return { status: response.status, headers: response.headers, text: await response.text() };
}

describe('GET /api/insights/<report>', () => {
  it('the emulator puts the analysts group in the analyst\'s tokens, not in the shopper\'s', () => {
    expect(claimsOf(analyst.IdToken)['cognito:groups']).toEqual(['analysts']);
    expect(claimsOf(analyst.AccessToken)['cognito:groups']).toEqual(['analysts']);
    expect(claimsOf(shopper.IdToken)['cognito:groups']).toBeUndefined();
  });

  it.each(REPORT_NAMES)('answers %s to an analyst in the shape the page reads', async (name) => {
    const response = await get(`${name}${query}`, analyst.IdToken);
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('private, no-store');
    expect(response.headers.get('server-timing')).toMatch(/db;dur=\d/);
    expect(() => REPORTS[name].schema.parse(response.body)).not.toThrow();
  });

  it('answers the fixture\'s figures, with the access token too', async () => {
    const { body } = await get(`overview${query}`, analyst.AccessToken);
    expect(body).toMatchObject({ sessions: 4, orders: 2, revenue: Math.round((orderValue(ORDER_A) + orderValue(ORDER_C)) * 100) / 100 });
  });

  it('401 without a token, with a malformed one, or with an edited one', async () => {
    const [header, , signature] = shopper.IdToken.split('.');
    const promoted = Buffer.from(JSON.stringify({ ...claimsOf(shopper.IdToken), 'cognito:groups': ['analysts'] })).toString('base64url');
    for (const token of [null, 'not-a-jwt', `${header}.${promoted}.${signature}`]) {
      const response = await get(`overview${query}`, token);
      expect(response.status).toBe(401);
      expect(response.headers.get('www-authenticate')).toBe('Bearer');
      expect(response.body.error).toMatch(/sign in|not valid/);
    }
  });

  it('403 for a signed-in shopper outside the analysts group', async () => {
    const response = await get(`overview${query}`, shopper.IdToken);
    expect(response).toMatchObject({ status: 403, body: { error: expect.stringMatching(/analysts group/) } });
  });

  it('503 with the settings to set when sign-in is not configured, even with a token', async () => {
    const response = await get(`overview${query}`, analyst.IdToken, { DATABASE_URL: db.url });
    expect(response).toMatchObject({ status: 503, body: { error: expect.stringMatching(/CLICKSTREAM_COGNITO_ISSUER.*CLICKSTREAM_COGNITO_CLIENT_ID/) } });
  });

  it('503 with a clear message when the warehouse database is down', async () => {
    const down = `postgres://postgres:postgres@127.0.0.1:${await freePort()}/clickstream_dw`;
    const response = await get(`overview${query}`, analyst.IdToken, { ...env, DATABASE_URL: down });
    expect(response).toMatchObject({ status: 503, body: { error: expect.stringMatching(/warehouse database is not reachable/) } });
  });

  it('503 telling to run the loader when the warehouse has no tables yet', async () => {
    // The server's own `postgres` database: reachable, never migrated.
    const response = await get(`overview${query}`, analyst.IdToken, { ...env, DATABASE_URL: inject('warehouseServerUrl') });
    expect(response).toMatchObject({ status: 503, body: { error: expect.stringMatching(/no tables yet: run `npm run warehouse:load`/) } });
  });

  it.each([
    ['from=2026-13-01', /from must be a date as YYYY-MM-DD/],
    ['from=2026-11-12&to=2026-11-10', /is after to/],
    ['from=2025-01-01&to=2026-11-10', /at most 366/],
  ])('400 naming the problem for %s', async (search, error) => {
    const response = await get(`overview?${search}`, analyst.IdToken);
    expect(response).toMatchObject({ status: 400, body: { error: expect.stringMatching(error) } });
  });

  it('serves a table as CSV for ?format=csv, its header the JSON keys, named after the report, table and range', async () => {
    const { body } = await get(`audience${query}`, analyst.IdToken);
    const response = await getCsv(`audience${query}&format=csv&table=country`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(response.headers.get('content-disposition')).toBe(`attachment; filename="audience-country-${RANGE.from}-to-${RANGE.to}.csv"`);
    const rows = (body.country as { value: string; sessions: number }[]).map((r) => `${r.value},${r.sessions}`);
    expect(response.text).toBe(['value,sessions', ...rows].map((line) => `${line}\r\n`).join(''));
  });

  it('serves CSV for Accept: text/csv, the first table without ?table, and JSON otherwise', async () => {
    const csv = await getCsv(`audience${query}`, { accept: 'text/csv' });
    expect(csv.headers.get('content-disposition')).toContain('audience-device_type-');
    expect(csv.text.split('\r\n')[0]).toBe('value,sessions');
    const json = await getCsv(`audience${query}`, { accept: 'text/csv;q=0, application/json' });
    expect(json.headers.get('content-type')).toMatch(/^application\/json/);
  });

  it('400 naming the table for an unknown one, and the format for an unknown one', async () => {
    const table = await getCsv(`audience${query}&format=csv&table=planets`);
    expect(table.status).toBe(400);
    expect(JSON.parse(table.text).error).toMatch(/table must be one of device_type, country, referrer_host, login_state .*"planets"/);
    const format = await getCsv(`audience${query}&format=xlsx`);
    expect(JSON.parse(format.text).error).toMatch(/format must be csv or json, got "xlsx"/);
  });

  it('asks for the same sign-in for CSV as for JSON', async () => {
    const url = new URL(`overview${query}&format=csv`, 'http://127.0.0.1:3000/api/insights/');
    const response = await (main ??= createWebInsightsHandler(env, silentLogger))(new Request(url), 'overview');
    expect(response.status).toBe(401);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
  });

  it('404 listing the reports for an unknown one', async () => {
    const response = await get(`retention${query}`, analyst.IdToken);
    expect(response).toMatchObject({ status: 404, body: { error: expect.stringMatching(/overview, funnel, daily, products, searches, audience/) } });
  });
});
