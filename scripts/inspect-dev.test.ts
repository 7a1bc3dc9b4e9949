// /api/clickstream/inspect under `next dev`, as a developer meets it: the real routes and lib/ in a
// temporary copy of the app under .data/ (so it never meets this working tree's own `npm run dev`
// or build; inside the repository, because Turbopack compiles nothing outside its workspace root).
// That a production build refuses it is proven against the real build in e2e/clickstream-kit.spec.ts.
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { pageView } from '../lib/ingest/test-fixtures';
import { freePort } from '../lib/ingest/test-servers';

const repo = path.resolve(import.meta.dirname, '..');
fs.mkdirSync(path.join(repo, '.data'), { recursive: true });
const root = fs.mkdtempSync(path.join(repo, '.data', 'inspect-dev-'));
const cleanups: (() => Promise<void> | void)[] = [() => fs.rmSync(root, { recursive: true, force: true })];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});

function appCopy() {
  fs.cpSync(path.join(repo, 'lib'), path.join(root, 'lib'), { recursive: true, filter: (file) => !file.endsWith('.test.ts') });
  fs.cpSync(path.join(repo, 'app/api/clickstream'), path.join(root, 'app/api/clickstream'), { recursive: true });
  fs.writeFileSync(path.join(root, 'package.json'), '{ "type": "module" }');
  fs.writeFileSync(path.join(root, 'tsconfig.json'), JSON.stringify({ compilerOptions: { strict: true, module: 'esnext', moduleResolution: 'bundler', jsx: 'react-jsx', paths: { '@/*': ['./*'] } } }));
  fs.writeFileSync(path.join(root, 'app/layout.jsx'), 'export default function L({ children }) { return <html><body>{children}</body></html>; }');
}

async function startNextDev(port: number) {
  // As from a terminal: none of the test runner's NODE_ENV.
  const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => key !== 'NODE_ENV'));
  const child = spawn(process.execPath, [path.join(repo, 'node_modules/next/dist/bin/next'), 'dev', '-H', '127.0.0.1', '-p', String(port)], {
    cwd: root,
    env: { ...env, CLICKSTREAM_DATA_DIR: path.join(root, '.data'), NEXT_TELEMETRY_DISABLED: '1' } as unknown as NodeJS.ProcessEnv,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));
  const exited = new Promise((resolve) => child.once('exit', resolve));
  cleanups.push(async () => {
    if (child.exitCode === null) child.kill('SIGTERM');
    await exited;
  });
  const deadline = Date.now() + 60_000;
  while (!/Ready in/.test(output)) {
    if (Date.now() > deadline || child.exitCode !== null) throw new Error(`next dev did not start:\n${output}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return () => output;
}

it('under next dev, /api/clickstream/inspect lists stored and rejected events with reasons, and resets', async () => {
  appCopy();
  const port = await freePort();
  const output = await startNextDev(port);
  const base = `http://127.0.0.1:${port}/api/clickstream`;
  const clientId = randomUUID();
  const good = pageView({ client_id: clientId });
  const bad = pageView({ client_id: clientId, event_name: 'wishlist_add' });
  const posted = await fetch(base, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ events: [good, bad] }) });
  expect(posted.status, output()).toBe(202);

  const listed = await (await fetch(`${base}/inspect?client_id=${clientId}`)).json();
  expect(listed.total).toBe(2);
  expect(listed.good.map((g: { event: { event_id: string } }) => g.event.event_id)).toEqual([good.event_id]);
  expect(listed.bad[0].rejected).toEqual([expect.objectContaining({ index: 1, event_id: bad.event_id, errors: [expect.objectContaining({ field: 'event_name' })] })]);

  expect((await fetch(`${base}/inspect`, { method: 'DELETE' })).status).toBe(200);
  expect(await (await fetch(`${base}/inspect`)).json()).toEqual({ total: 0, good: [], bad: [] });
}, 120_000);
