import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  // The store's modules (imported by the tests for fixtures and reports) import through this alias.
  resolve: { alias: { '@': fileURLToPath(new URL('..', import.meta.url)) } },
  test: {
    include: ['test/**/*.test.ts'],
    environment: 'node',
    // Builds the real Lambda bundles once: the stacks refuse to synthesize without them.
    globalSetup: ['./test/build-lambda.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
