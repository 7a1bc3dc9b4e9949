import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    environment: 'node',
    // Builds the real Lambda bundle once: the stack refuses to synthesize without it.
    globalSetup: ['./test/build-lambda.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
