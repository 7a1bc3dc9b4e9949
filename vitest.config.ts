import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  plugins: [react()],
  resolve: { alias: { '@': fileURLToPath(new URL('.', import.meta.url)) } },
  test: {
    // Unit tests default to node; component tests opt into jsdom with a `// @vitest-environment jsdom` docblock.
    environment: 'node',
    include: ['lib/**/*.test.ts', 'components/**/*.test.tsx', 'lambda/**/*.test.ts', 'scripts/**/*.test.ts'],
    setupFiles: ['./vitest.setup.ts'],
    // One real PostgreSQL for the run; tests that need it take a fresh database (lib/warehouse/test-db.ts).
    globalSetup: ['./lib/warehouse/test-global-setup.ts'],
  },
});
