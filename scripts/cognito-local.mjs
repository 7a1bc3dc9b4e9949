// Starts cognito-local on 127.0.0.1 with a freshly seeded demo pool.
// Usage: node scripts/cognito-local.mjs --port 9229 --dir .cognito/dev
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { parseArgs } from 'node:util';
import { seedCognito } from './cognito-seed.mjs';

const { values } = parseArgs({
  options: { port: { type: 'string', default: '9229' }, dir: { type: 'string', default: '.cognito/dev' } },
});
const port = Number(values.port);
const host = '127.0.0.1';
// cognito-local always reads `.cognito/` under its cwd, so the given dir becomes its cwd.
const cwd = path.resolve(values.dir);
const dataDir = path.join(cwd, '.cognito');
fs.rmSync(dataDir, { recursive: true, force: true });
seedCognito(dataDir, { port, host });

const require = createRequire(import.meta.url);
const bin = path.join(path.dirname(require.resolve('cognito-local/package.json')), 'lib/bin/start.js');
const child = spawn(process.execPath, [bin], {
  cwd,
  stdio: 'inherit',
  env: { ...process.env, PORT: String(port), HOST: host },
});

let stopping = false;
const stop = (signal) => {
  if (stopping) return;
  stopping = true;
  child.kill(signal);
  setTimeout(() => process.exit(0), 3000).unref();
};
process.on('SIGTERM', () => stop('SIGTERM'));
process.on('SIGINT', () => stop('SIGINT'));
child.on('exit', (code, signal) => process.exit(stopping ? 0 : (code ?? (signal ? 1 : 0))));
