import { defineConfig } from '@playwright/test';
import base, { besideTheStore } from './playwright.config';
import { E2E } from './e2e/support/env';

// The stream transport end to end: the same production build as playwright.config.ts, started with
// CLICKSTREAM_SINK=kinesis beside kinesis-local, dynalite and the stream worker. It reuses the main
// run's ports and data folder (run it after that one, never beside it) and adds the emulators' own.
//   npx playwright test -c playwright.stream.config.ts
const kinesisPort = Number(process.env.E2E_KINESIS_PORT || 4587);
const kinesisTlsPort = Number(process.env.E2E_KINESIS_TLS_PORT || 4589);
const dynalitePort = Number(process.env.E2E_DYNALITE_PORT || 4588);
const streamEnv = {
  CLICKSTREAM_SINK: 'kinesis',
  CLICKSTREAM_KINESIS_STREAM: 'clickstream-events',
  CLICKSTREAM_KINESIS_ENDPOINT: `http://127.0.0.1:${kinesisPort}`,
  CLICKSTREAM_KINESIS_REGION: 'us-east-1',
  CLICKSTREAM_LIVE_TABLE: 'clickstream-live',
  CLICKSTREAM_DYNAMODB_ENDPOINT: `http://127.0.0.1:${dynalitePort}`,
  CLICKSTREAM_DYNAMODB_REGION: 'us-east-1',
  CLICKSTREAM_DATA_DIR: E2E.dataDir,
  AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
};

export default defineConfig({
  ...base,
  testDir: './e2e/stream',
  testIgnore: [],
  outputDir: 'test-results/playwright-stream',
  reporter: [['list'], ['json', { outputFile: 'test-results/e2e-stream.json' }]],
  webServer: [
    ...besideTheStore,
    {
      command: `node scripts/kinesis-local.mjs --port ${kinesisPort} --tls-port ${kinesisTlsPort} --streams clickstream-events:1`,
      port: kinesisPort,
      reuseExistingServer: false,
      timeout: 60_000,
    },
    {
      command: `node node_modules/dynalite/cli.js --host 127.0.0.1 --port ${dynalitePort}`,
      port: dynalitePort,
      reuseExistingServer: false,
      timeout: 30_000,
    },
    {
      // Its checkpoints are of this run's in-memory stream: a left-over file of an earlier one is ignored.
      command: 'npx tsx scripts/stream-worker.ts',
      env: streamEnv,
      reuseExistingServer: false,
      gracefulShutdown: { signal: 'SIGTERM', timeout: 5_000 },
      timeout: 60_000,
      wait: { stdout: /Stream worker on clickstream-events/ },
    },
    {
      // The build playwright.config.ts made (or one made here, with the same settings, when there is none).
      command: `(test -f .next/BUILD_ID || npm run build) && npx next start -H 127.0.0.1 -p ${E2E.port}`,
      url: `${E2E.baseURL}/`,
      env: { ...E2E.serverEnv, ...streamEnv },
      reuseExistingServer: false,
      timeout: 400_000,
    },
  ],
});
