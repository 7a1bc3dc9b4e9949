// Lighthouse (mobile, the default form factor and throttling) against the production build:
// performance >= 90 and accessibility >= 95 on home, a collection and a product page.
// Usage: node scripts/lighthouse.mjs [--no-build] [--port 3200]
// Not part of `npm test`: scores depend on the machine. Exits 1 when a page misses a threshold.
import { spawn, spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import { DEMO_POOL } from './cognito-seed.mjs';

const { values } = parseArgs({ options: { 'no-build': { type: 'boolean' }, port: { type: 'string', default: '3200' } } });
const root = fileURLToPath(new URL('..', import.meta.url));
const next = createRequire(import.meta.url).resolve('next/dist/bin/next');
const base = `http://127.0.0.1:${values.port}`;
const PAGES = ['/', '/collections/rings', '/products/celeste-sapphire-ring'];
const MIN = { performance: 90, accessibility: 95 };

// Built with sign-in configured, as a deployed store is: Amplify loads and reads the (empty) session.
const env = {
  ...process.env,
  NEXT_PUBLIC_COGNITO_USER_POOL_ID: DEMO_POOL.userPoolId,
  NEXT_PUBLIC_COGNITO_CLIENT_ID: DEMO_POOL.clientId,
  NEXT_PUBLIC_COGNITO_REGION: 'local',
  NEXT_PUBLIC_COGNITO_ENDPOINT: 'http://127.0.0.1:9229',
  NEXT_PUBLIC_COGNITO_AUTH_FLOW: 'USER_PASSWORD_AUTH',
  CLICKSTREAM_DATA_DIR: '.data/lighthouse-clickstream',
};

if (!values['no-build']) {
  const build = spawnSync(process.execPath, [next, 'build'], { cwd: root, stdio: 'inherit', env });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

const server = spawn(process.execPath, [next, 'start', '-H', '127.0.0.1', '-p', values.port], { cwd: root, stdio: 'ignore', env });
let chrome;
const cleanUp = async () => {
  server.kill('SIGTERM');
  if (chrome) await chrome.kill();
};

try {
  for (let i = 0; ; i++) {
    if (i > 120) throw new Error(`next start did not answer on ${base}`);
    const ok = await fetch(base).then((r) => r.ok, () => false);
    if (ok) break;
    await new Promise((r) => setTimeout(r, 500));
  }
  chrome = await chromeLauncher.launch({
    chromePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
    chromeFlags: ['--headless=new', '--no-sandbox', '--disable-gpu'],
  });
  let failed = false;
  for (const path of PAGES) {
    // One warm-up load, so the first page is not judged on the server's cold start.
    await fetch(base + path);
    const result = await lighthouse(base + path, { port: chrome.port, output: 'json', logLevel: 'error', onlyCategories: ['performance', 'accessibility'] });
    const { categories, audits } = result.lhr;
    const scores = { performance: Math.round(categories.performance.score * 100), accessibility: Math.round(categories.accessibility.score * 100) };
    const misses = Object.entries(MIN).filter(([k, min]) => scores[k] < min);
    failed ||= misses.length > 0;
    const metrics = ['largest-contentful-paint', 'total-blocking-time', 'cumulative-layout-shift'].map((id) => `${id.split('-').map((w) => w[0]).join('').toUpperCase()} ${audits[id].displayValue}`);
    console.log(`${misses.length ? 'FAIL' : 'ok  '} ${path.padEnd(34)} performance ${scores.performance}  accessibility ${scores.accessibility}  (${metrics.join(', ')})`);
    const a11y = categories.accessibility.auditRefs.filter((ref) => ref.weight > 0 && audits[ref.id].score !== null && audits[ref.id].score < 1);
    for (const ref of a11y) console.log(`       accessibility: ${ref.id}: ${audits[ref.id].title}`);
  }
  await cleanUp();
  process.exit(failed ? 1 : 0);
} catch (error) {
  console.error(error);
  await cleanUp();
  process.exit(1);
}
