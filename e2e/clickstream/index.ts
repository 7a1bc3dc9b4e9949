// The tracking test kit: `import { test, expect } from './clickstream'` (or '@/e2e/clickstream') in a
// spec gives each test a `clickstream` of its own. See docs/testing.md.
import { test as base } from '@playwright/test';
import { E2E } from '../support/env';
import { Clickstream } from './assertions';

export { expect } from '@playwright/test';
export { Clickstream, type Found } from './assertions';
export type { EventFilter } from './match';
export { sampleEvent } from './sample';
export { clientIdOf, outboxLength } from './browser-state';
export type { Rejection, WireRequest } from './wire';

export const test = base.extend<{ clickstream: Clickstream }>({
  clickstream: async ({ context, request, baseURL }, provide) => {
    const clickstream = new Clickstream({
      api: request,
      endpoint: new URL(E2E.clickstreamEndpoint, baseURL ?? E2E.baseURL).href,
      dataDir: E2E.clickstreamDataDir,
      startedAt: new Date(),
    });
    // Every tab of the test's own context; another context joins with clickstream.watch(context).
    clickstream.watch(context);
    await provide(clickstream);
  },
});
