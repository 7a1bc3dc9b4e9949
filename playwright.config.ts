import { defineConfig, devices, type PlaywrightTestConfig } from '@playwright/test';
import { E2E } from './e2e/support/env';

// The Cognito emulator and the warehouse, which the stream transport's run (playwright.stream.config.ts) starts too.
export const besideTheStore: Extract<PlaywrightTestConfig['webServer'], unknown[]> = [
  {
    command: `node scripts/cognito-local.mjs --port ${E2E.cognitoPort} --dir ${E2E.cognitoDir}`,
    url: `${E2E.cognitoEndpoint}/health`,
    reuseExistingServer: false,
    timeout: 60_000,
  },
  {
    command: `npx tsx scripts/warehouse-server.ts --dir ${E2E.warehouseDir} --port ${E2E.warehousePort}`,
    port: E2E.warehousePort,
    reuseExistingServer: false,
    gracefulShutdown: { signal: 'SIGTERM', timeout: 10_000 },
    timeout: 60_000,
  },
];

// One production build serves every end-to-end test; the Cognito emulator and a warehouse run beside it.
export default defineConfig({
  testDir: './e2e',
  // The stream transport's journey runs under playwright.stream.config.ts, against its own servers.
  testIgnore: ['stream/**'],
  // Playwright empties its outputDir on start: keep it apart from the other runners' reports.
  outputDir: 'test-results/playwright',
  fullyParallel: false,
  workers: 1,
  retries: process.env.CI ? 1 : 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [['list'], ['json', { outputFile: 'test-results/e2e.json' }]],
  use: {
    baseURL: E2E.baseURL,
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
    },
  },
  projects: [{ name: 'chromium', use: { ...devices['Desktop Chrome'], channel: undefined } }],
  // Against E2E_BASE_URL (npm run dev, a deployed preview), nothing is started here.
  webServer: E2E.external ? [] : [
    ...besideTheStore,
    {
      command: `npm run build && npx next start -H 127.0.0.1 -p ${E2E.port}`,
      url: `${E2E.baseURL}/`,
      env: E2E.serverEnv,
      reuseExistingServer: false,
      timeout: 400_000,
    },
  ],
});
