// `npm run dev` as a developer meets it: the real script, real ports, a real emulator. Each run
// gets its own copy of the scripts in a temporary folder, so it never meets the developer's own
// `npm run dev` of this working tree (its instance file, its emulator data).
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { PutRecordsCommand } from '@aws-sdk/client-kinesis';
import { afterEach, describe, expect, it } from 'vitest';
import { freePort } from '../lib/ingest/test-servers';
import { createKinesisClient } from '../lib/stream/kinesis-client';
import { deliveredIds } from '../lib/stream/test-objects';
import { storedEvent } from '../lib/warehouse/test-fixtures';
import { DEMO_POOL, DEMO_SHOPPER } from './cognito-seed.mjs';

const repo = path.resolve(import.meta.dirname, '..');
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** A folder with scripts/*.mjs, node_modules and a one-page app: enough for `node scripts/dev.mjs`. */
function projectCopy(): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'dev-test-'));
  fs.mkdirSync(path.join(root, 'scripts'));
  for (const file of fs.readdirSync(path.join(repo, 'scripts')).filter((name) => name.endsWith('.mjs'))) {
    fs.copyFileSync(path.join(repo, 'scripts', file), path.join(root, 'scripts', file));
  }
  fs.symlinkSync(path.join(repo, 'node_modules'), path.join(root, 'node_modules'));
  fs.writeFileSync(path.join(root, 'package.json'), '{ "type": "module" }');
  fs.mkdirSync(path.join(root, 'app'));
  fs.writeFileSync(path.join(root, 'app/layout.jsx'), 'export default function L({ children }) { return <html><body>{children}</body></html>; }');
  fs.writeFileSync(path.join(root, 'app/page.jsx'), 'export default function P() { return null; }');
  cleanups.push(() => fs.rmSync(root, { recursive: true, force: true }));
  return root;
}

type Run = { child: ChildProcess; output: () => string; exited: Promise<number | null> };

function runDev(root: string, env: Record<string, string>): Run {
  // As from a terminal: none of the test runner's NODE_ENV, ports or user pool.
  const inherited = Object.entries(process.env).filter(([key]) => !/^(NEXT_PUBLIC_|PORT$|COGNITO_LOCAL_PORT$|NODE_ENV$|CLICKSTREAM_|KINESIS_LOCAL_|DYNALITE_PORT$)/.test(key));
  // The copy has no lib/ for the warehouse loop: it is left out (scripts/warehouse-loop.test.ts runs it).
  const childEnv = { ...Object.fromEntries([...inherited, ['WAREHOUSE_LOAD_INTERVAL_SECONDS', '0']]), ...env } as NodeJS.ProcessEnv;
  const child = spawn(process.execPath, ['scripts/dev.mjs'], { cwd: root, env: childEnv, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout?.on('data', (chunk) => (output += chunk));
  child.stderr?.on('data', (chunk) => (output += chunk));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  cleanups.push(async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGINT');
      await exited;
    }
  });
  return { child, output: () => output, exited };
}

async function occupy(host?: string): Promise<number> {
  const port = await freePort();
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen({ port, host }, resolve));
  cleanups.push(() => new Promise<void>((resolve) => server.close(() => resolve())));
  return port;
}

async function until(check: () => boolean | Promise<boolean>, what: string, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

const signIn = (emulator: string) =>
  fetch(emulator, {
    method: 'POST',
    headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'AWSCognitoIdentityProviderService.InitiateAuth' },
    body: JSON.stringify({
      AuthFlow: 'USER_PASSWORD_AUTH',
      ClientId: DEMO_POOL.clientId,
      AuthParameters: { USERNAME: DEMO_SHOPPER.email, PASSWORD: DEMO_SHOPPER.password },
    }),
  }).then((response) => response.status);

const answers = (url: string) => fetch(url).then((response) => response.ok, () => false);

describe('npm run dev: ports', () => {
  it('a taken PORT stops it with one line naming the port, its owner and the variable, before anything starts', async () => {
    const root = projectCopy();
    const taken = await occupy();
    const run = runDev(root, { PORT: String(taken), COGNITO_LOCAL_PORT: String(await freePort()) });
    expect(await run.exited).toBe(1);
    const lines = run.output().trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(new RegExp(`^\\[dev\\] Port ${taken} is taken by node \\S+ \\(pid ${process.pid}\\)\\. Set PORT to a free port, e\\.g\\. PORT=\\d+ npm run dev\\.$`));
    expect(run.output()).not.toMatch(/EADDRINUSE|at \w+ \(/);
    expect(fs.existsSync(path.join(root, '.cognito'))).toBe(false);
    expect(fs.existsSync(path.join(root, '.data/dev-instance.json'))).toBe(false);
  }, 30_000);

  it('a taken emulator port names COGNITO_LOCAL_PORT', async () => {
    const root = projectCopy();
    const taken = await occupy('127.0.0.1');
    const run = runDev(root, { PORT: String(await freePort()), COGNITO_LOCAL_PORT: String(taken) });
    expect(await run.exited).toBe(1);
    expect(run.output().trim()).toMatch(new RegExp(`^\\[dev\\] Port ${taken} is taken by node \\S+ \\(pid ${process.pid}\\)\\. Set COGNITO_LOCAL_PORT to a free port`));
  }, 30_000);

  it('a port that is not a number is named with what was given', async () => {
    const run = runDev(projectCopy(), { PORT: 'http://localhost' });
    expect(await run.exited).toBe(1);
    expect(run.output().trim()).toBe('[dev] PORT must be a port number from 1 to 65535 (got "http://localhost").');
  }, 30_000);
});

describe('npm run dev: a second one in the same folder', () => {
  it("stops with a message naming the first, leaves the first one's emulator and data alone, and Ctrl-C stops the first cleanly", async () => {
    const root = projectCopy();
    const ports = { PORT: String(await freePort()), COGNITO_LOCAL_PORT: String(await freePort()) };
    const first = runDev(root, ports);
    const emulator = `http://127.0.0.1:${ports.COGNITO_LOCAL_PORT}`;
    await until(() => answers(`${emulator}/health`), `the first emulator (${first.output()})`);
    await until(() => first.output().includes('Ready'), `next dev (${first.output()})`, 60_000);
    const poolFile = path.join(root, '.cognito/dev/.cognito/db/local_LumenDemo.json');
    const before = fs.statSync(poolFile);

    // Other ports, so only the instance check can tell; then the same ports.
    for (const env of [{ PORT: String(await freePort()), COGNITO_LOCAL_PORT: String(await freePort()) }, ports]) {
      const second = runDev(root, env);
      expect(await second.exited).toBe(1);
      expect(second.output().trim().split('\n')).toHaveLength(1);
      expect(second.output()).toMatch(new RegExp(`already running in this folder \\(pid ${first.child.pid}, since \\d\\d:\\d\\d UTC, the store on http://localhost:${ports.PORT}\\)`));
    }

    expect(fs.statSync(poolFile).mtimeMs).toBe(before.mtimeMs);
    expect(await signIn(emulator)).toBe(200);
    expect(first.child.exitCode).toBeNull();

    first.child.kill('SIGINT');
    expect(await first.exited).toBe(0);
    expect(await answers(`${emulator}/health`)).toBe(false);
    expect(fs.existsSync(path.join(root, '.data/dev-instance.json'))).toBe(false);
  }, 90_000);
});

describe('CLICKSTREAM_SINK=kinesis npm run dev', () => {
  it('starts the Kinesis and DynamoDB emulators on 127.0.0.1 and the stream worker, which delivers what reaches the stream as a batch object', async () => {
    const root = projectCopy();
    // The stream worker is TypeScript over lib/: the copy borrows them.
    for (const shared of ['lib', 'tsconfig.json']) fs.symlinkSync(path.join(repo, shared), path.join(root, shared));
    for (const file of ['stream-worker.ts', 'warehouse-env.ts']) fs.copyFileSync(path.join(repo, 'scripts', file), path.join(root, 'scripts', file));
    const ports = { PORT: await freePort(), COGNITO_LOCAL_PORT: await freePort(), KINESIS_LOCAL_PORT: await freePort(), KINESIS_LOCAL_TLS_PORT: await freePort(), DYNALITE_PORT: await freePort() };
    const run = runDev(root, { CLICKSTREAM_SINK: 'kinesis', ...Object.fromEntries(Object.entries(ports).map(([name, port]) => [name, String(port)])) });
    await until(() => run.output().includes('Stream worker on clickstream-events'), `the stream worker (${run.output()})`, 60_000);
    for (const port of [ports.KINESIS_LOCAL_PORT, ports.KINESIS_LOCAL_TLS_PORT, ports.DYNALITE_PORT]) {
      expect(listenersOn(port)).toEqual(['127.0.0.1']);
    }

    const client = createKinesisClient({ endpoint: `http://127.0.0.1:${ports.KINESIS_LOCAL_PORT}` });
    cleanups.push(() => client.destroy());
    const event = storedEvent();
    await client.send(new PutRecordsCommand({ StreamName: 'clickstream-events', Records: [{ Data: Buffer.from(JSON.stringify(event)), PartitionKey: event.session_id }] }));
    const data = path.join(root, '.data/clickstream');
    await until(() => deliveredIds(data).includes(event.event_id), 'the batch object', 20_000);

    run.child.kill('SIGINT');
    expect(await run.exited).toBe(0);
    expect(await answers(`http://127.0.0.1:${ports.DYNALITE_PORT}/`)).toBe(false);
    expect(listenersOn(ports.KINESIS_LOCAL_PORT)).toEqual([]);
  }, 120_000);
});

/** The local addresses listening on a TCP port, from Linux's /proc/net/tcp{,6}. */
function listenersOn(port: number): string[] {
  const found: string[] = [];
  for (const file of ['/proc/net/tcp', '/proc/net/tcp6']) {
    for (const line of fs.readFileSync(file, 'utf8').trim().split('\n').slice(1)) {
      const [, local, , state] = line.trim().split(/\s+/);
      const [address, hexPort] = local.split(':');
      if (parseInt(hexPort, 16) !== port || state !== '0A') continue;
      found.push(address.length === 8 ? address.match(/../g)!.reverse().map((byte) => parseInt(byte, 16)).join('.') : address);
    }
  }
  return found;
}
