// The warehouse commands read .env* files the way Next.js does (without overriding the
// environment), so a CLICKSTREAM_DATA_DIR or DATABASE_URL set in .env.local means the same
// folder and database to the store, `npm run dev` and `npm run warehouse:*`.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { loadEnvConfig } = createRequire(require.resolve('next/package.json'))('@next/env') as typeof import('@next/env');

export function loadProjectEnv(): void {
  loadEnvConfig(process.cwd(), process.env.NODE_ENV !== 'production', { info: () => {}, error: console.error });
}
