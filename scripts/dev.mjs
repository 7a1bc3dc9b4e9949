// `npm run dev`: the store on its embedded defaults. Starts the Cognito emulator (seeded with the
// demo shopper) and `next dev` wired to it, unless the developer configured a user pool of their
// own. Ctrl-C stops both; if either one dies, the other is stopped too.
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { DEMO_POOL } from './cognito-seed.mjs';

const require = createRequire(import.meta.url);
const root = fileURLToPath(new URL('..', import.meta.url));
const port = process.env.PORT || '3000';
const cognitoPort = 9229;
const cognitoEndpoint = `http://127.0.0.1:${cognitoPort}`;

// Read .env* the way Next.js will, so a pool set in .env.local also turns the emulator off.
const { loadEnvConfig } = createRequire(require.resolve('next/package.json'))('@next/env');
const fileEnv = loadEnvConfig(root, true, { info: () => {}, error: console.error }).combinedEnv;
const ownPool = process.env.NEXT_PUBLIC_COGNITO_USER_POOL_ID || fileEnv.NEXT_PUBLIC_COGNITO_USER_POOL_ID;

const children = new Set();
let stopping = false;

function stopAll(code) {
  if (stopping) return;
  stopping = true;
  for (const child of children) if (child.exitCode === null) child.kill('SIGTERM');
  // Give the children a moment to close their ports, then leave regardless.
  const timer = setTimeout(() => process.exit(code), 5000);
  timer.unref();
  const waitAll = () => (children.size === 0 ? process.exit(code) : undefined);
  for (const child of children) child.once('exit', () => { children.delete(child); waitAll(); });
  waitAll();
}

function start(name, args, env = process.env) {
  const child = spawn(process.execPath, args, { cwd: root, stdio: 'inherit', env });
  children.add(child);
  child.on('exit', (code, signal) => {
    children.delete(child);
    if (stopping) return;
    console.error(`[dev] ${name} stopped (${signal ?? `exit code ${code}`}); stopping the rest.`);
    stopAll(code || 1);
  });
  return child;
}

async function waitForHealth(url, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline && !stopping) {
    try {
      if ((await fetch(url)).ok) return true;
    } catch {
      // Not listening yet.
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  return false;
}

process.on('SIGINT', () => stopAll(0));
process.on('SIGTERM', () => stopAll(0));
process.on('SIGHUP', () => stopAll(0));

const env = { ...process.env };
if (ownPool) {
  console.log(`[dev] Using your Cognito user pool ${ownPool}; the local emulator is not started.`);
} else {
  start('cognito-local', ['scripts/cognito-local.mjs', '--port', String(cognitoPort), '--dir', '.cognito/dev']);
  if (!(await waitForHealth(`${cognitoEndpoint}/health`))) {
    console.error(`[dev] The Cognito emulator did not answer on ${cognitoEndpoint}.`);
    stopAll(1);
  }
  Object.assign(env, {
    NEXT_PUBLIC_COGNITO_USER_POOL_ID: DEMO_POOL.userPoolId,
    NEXT_PUBLIC_COGNITO_CLIENT_ID: DEMO_POOL.clientId,
    NEXT_PUBLIC_COGNITO_REGION: 'local',
    NEXT_PUBLIC_COGNITO_ENDPOINT: cognitoEndpoint,
    NEXT_PUBLIC_COGNITO_AUTH_FLOW: 'USER_PASSWORD_AUTH',
    // The ingestion API verifies the shoppers' tokens against the emulator too.
    CLICKSTREAM_COGNITO_ISSUER: `${cognitoEndpoint}/${DEMO_POOL.userPoolId}`,
    CLICKSTREAM_COGNITO_CLIENT_ID: DEMO_POOL.clientId,
  });
  console.log(`[dev] Cognito emulator on ${cognitoEndpoint}; demo shopper in scripts/cognito-seed.mjs.`);
}

if (!stopping) start('next dev', [require.resolve('next/dist/bin/next'), 'dev', '-p', port], env);
