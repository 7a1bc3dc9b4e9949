// Fixed settings shared by playwright.config.ts and the specs: the build under test is made with
// these, so a spec can find the data folder and the emulator without asking the server.
import path from 'node:path';
import { DEMO_POOL } from '../../scripts/cognito-seed.mjs';
import { embeddedWarehouseUrl } from '../../lib/warehouse/embedded-url';

const port = Number(process.env.E2E_PORT || 3100);
// Another server to drive instead of the suite's own build (`npm run dev`, a deployed preview): none is started then.
const external = process.env.E2E_BASE_URL || null;
const cognitoPort = Number(process.env.E2E_COGNITO_PORT || 9330);
const cognitoEndpoint = `http://127.0.0.1:${cognitoPort}`;
const dataDir = path.resolve('.data/e2e-clickstream');
// The run's own warehouse (scripts/warehouse-server.ts): the loader writes it, /api/insights reads it.
const warehousePort = Number(process.env.E2E_WAREHOUSE_PORT || 54339);

export const E2E = {
  port,
  baseURL: external ?? `http://127.0.0.1:${port}`,
  external: external !== null,
  // Where the tracking kit (e2e/clickstream) reads events at rest; null (wire only) for an external server unless set.
  clickstreamDataDir: process.env.E2E_CLICKSTREAM_DATA_DIR ? path.resolve(process.env.E2E_CLICKSTREAM_DATA_DIR) : external ? null : dataDir,
  // Where clickstream.send() posts, against baseURL (a deployed preview's is its API Gateway URL).
  clickstreamEndpoint: process.env.E2E_CLICKSTREAM_ENDPOINT || '/api/clickstream',
  cognitoPort,
  cognitoEndpoint,
  cognitoDir: path.resolve('.cognito/e2e'),
  dataDir,
  warehousePort,
  warehouseDir: path.resolve('.data/e2e-postgres'),
  databaseUrl: embeddedWarehouseUrl(warehousePort),
  serverEnv: {
    NEXT_PUBLIC_COGNITO_USER_POOL_ID: DEMO_POOL.userPoolId,
    NEXT_PUBLIC_COGNITO_CLIENT_ID: DEMO_POOL.clientId,
    NEXT_PUBLIC_COGNITO_REGION: 'local',
    NEXT_PUBLIC_COGNITO_ENDPOINT: cognitoEndpoint,
    NEXT_PUBLIC_COGNITO_AUTH_FLOW: 'USER_PASSWORD_AUTH',
    CLICKSTREAM_DATA_DIR: dataDir,
    CLICKSTREAM_COGNITO_ISSUER: `${cognitoEndpoint}/${DEMO_POOL.userPoolId}`,
    CLICKSTREAM_COGNITO_CLIENT_ID: DEMO_POOL.clientId,
    // A second origin the API must accept (the app's own origin is always allowed).
    CLICKSTREAM_ALLOWED_ORIGINS: 'https://partner.e2e.example',
    // Per client IP; the rate-limit spec uses its own fake X-Forwarded-For address, so it cannot starve others.
    CLICKSTREAM_RATE_LIMIT_PER_MINUTE: '600',
    DATABASE_URL: embeddedWarehouseUrl(warehousePort),
  },
};
