// Load test: the production server's /api/clickstream against a bare Node http server that writes
// the same per-event files (temporary file + rename) to the same disk. Batches of 20 events.
// Prints events/s and p99 latency for both, and the ratio. A benchmark, not a test.
// `--stream`: the same route with the Kinesis sink against kinesis-local (scripts/kinesis-local.mjs)
// side by side with the folder sink instead, two `next start` of the same build.
//
//   npm run bench:ingest [-- --duration 15 --rounds 3 --connections 10] [-- --stream]
// Builds the app first when .next has no production build. Run it alone (it shares .next with the
// test suite): `flock /tmp/next-build.lock npm run bench:ingest`.
import { spawn, spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';

const BATCH = 20;
const { values } = parseArgs({
  options: {
    duration: { type: 'string', default: '15' },
    rounds: { type: 'string', default: '3' },
    connections: { type: 'string', default: '10' },
    'bare-server': { type: 'string' },
    stream: { type: 'boolean', default: false },
    dir: { type: 'string' },
  },
});

/** The baseline: parse the batch, write one file per event, answer 202. No validation, no enrichment. */
function bareServer(port, dir) {
  const made = new Set();
  http
    .createServer((req, res) => {
      const chunks = [];
      req.on('data', (chunk) => chunks.push(chunk));
      req.on('end', async () => {
        try {
          const { events } = JSON.parse(Buffer.concat(chunks).toString('utf8'));
          const iso = new Date().toISOString();
          const day = path.join(dir, 'events', iso.slice(0, 4), iso.slice(5, 7), iso.slice(8, 10));
          if (!made.has(day)) {
            fs.mkdirSync(day, { recursive: true });
            made.add(day);
          }
          await Promise.all(
            // The same write-then-rename, with the same callback fs calls, as the folder sink.
            events.map(
              (event) =>
                new Promise((resolve, reject) => {
                  const temporary = path.join(day, `.tmp-${randomUUID()}`);
                  fs.writeFile(temporary, JSON.stringify({ ...event, event_timestamp: iso }), (error) => {
                    if (error) return reject(error);
                    fs.rename(temporary, path.join(day, `event-${event.event_id}.json`), (e) => (e ? reject(e) : resolve()));
                  });
                }),
            ),
          );
          res.writeHead(202, { 'content-type': 'application/json' }).end(JSON.stringify({ accepted: events.map((e) => e.event_id), rejected: [] }));
        } catch {
          res.writeHead(400).end();
        }
      });
    })
    .listen(port, '127.0.0.1');
}

if (values['bare-server']) {
  bareServer(Number(values['bare-server']), values.dir);
} else {
  await main();
}

function freePort() {
  return new Promise((resolve) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

async function waitUp(url, child) {
  for (let i = 0; i < 600; i += 1) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`);
    try {
      await fetch(url, { method: 'OPTIONS' });
      return;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  throw new Error(`${url} did not come up`);
}

function batchBody() {
  const client = randomUUID();
  const session = randomUUID();
  const now = new Date().toISOString();
  const events = Array.from({ length: BATCH }, (_, i) => ({
    event_id: randomUUID(),
    event_name: 'page_view',
    client_timestamp: now,
    client_id: client,
    session_id: session,
    is_first_visit: i === 0,
    user_id: null,
    user_login_state: 'anonymous',
    identity_source: 'anonymous',
    page_url: 'http://127.0.0.1/collections/rings',
    page_path: '/collections/rings',
    page_title: 'Rings | Lumen',
    referrer: null,
    language: 'en-US',
    screen_width: 1440,
    screen_height: 900,
    timezone: 'Europe/Berlin',
  }));
  return JSON.stringify({ events });
}

async function load(url, seconds) {
  const result = await autocannon({
    url,
    connections: Number(values.connections),
    duration: seconds,
    requests: [
      {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'user-agent': 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36',
        },
        setupRequest: (request) => ({ ...request, body: batchBody() }),
      },
    ],
  });
  const ok = result['2xx'];
  if (result.non2xx || result.errors) {
    console.error(`${url}: ${result.non2xx} non-2xx, ${result.errors} errors, status codes ${JSON.stringify(result.statusCodeStats)}`);
  }
  return { eventsPerSecond: (ok * BATCH) / result.duration, p99: result.latency.p99, errors: result.non2xx + result.errors };
}

function nextStart(root, port, env) {
  return spawn('npx', ['next', 'start', '-H', '127.0.0.1', '-p', String(port)], {
    cwd: root,
    stdio: 'ignore',
    detached: true,
    env: { ...process.env, NODE_ENV: 'production', CLICKSTREAM_RATE_LIMIT_PER_MINUTE: '0', AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true', ...env },
  });
}

/** The two sides of the run: the folder sink's route against the bare server, or against the Kinesis sink's route. */
async function sides(root, work) {
  const folderPort = await freePort();
  const folder = { name: 'next start, folder sink', url: `http://127.0.0.1:${folderPort}/api/clickstream`, child: nextStart(root, folderPort, { CLICKSTREAM_DATA_DIR: path.join(work, 'next') }) };
  if (!values.stream) {
    const barePort = await freePort();
    const bare = spawn(process.execPath, [new URL(import.meta.url).pathname, '--bare-server', String(barePort), '--dir', path.join(work, 'bare')], { stdio: 'inherit', detached: true });
    return { sides: [folder, { name: 'bare node http', url: `http://127.0.0.1:${barePort}/`, child: bare }], extra: [], aim: 'of the bare server (aim: >= 60%)' };
  }
  const [kinesisPort, tlsPort, streamPort] = [await freePort(), await freePort(), await freePort()];
  // Quiet: under load it warns of a starved CPU every second, which a benchmark on shared CPUs is by design.
  const emulator = spawn(process.execPath, [path.join(root, 'scripts/kinesis-local.mjs'), '--port', String(kinesisPort), '--tls-port', String(tlsPort), '--streams', 'bench-events:4'], { stdio: 'ignore', detached: true });
  const kinesis = nextStart(root, streamPort, {
    CLICKSTREAM_DATA_DIR: path.join(work, 'stream'),
    CLICKSTREAM_SINK: 'kinesis',
    CLICKSTREAM_KINESIS_STREAM: 'bench-events',
    CLICKSTREAM_KINESIS_ENDPOINT: `http://127.0.0.1:${kinesisPort}`,
  });
  await waitStream(kinesisPort, emulator);
  return { sides: [{ name: 'next start, kinesis sink', url: `http://127.0.0.1:${streamPort}/api/clickstream`, child: kinesis }, folder], extra: [emulator], aim: 'of the folder sink, each on the same build (kinesis-local on the same CPUs)' };
}

async function waitStream(port, child) {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  const { KinesisClient, DescribeStreamSummaryCommand } = await import('@aws-sdk/client-kinesis');
  const { NodeHttpHandler } = await import('@smithy/node-http-handler');
  const client = new KinesisClient({ region: 'us-east-1', endpoint: `http://127.0.0.1:${port}`, requestHandler: new NodeHttpHandler(), credentials: { accessKeyId: 'local', secretAccessKey: 'local' }, maxAttempts: 1 });
  for (let i = 0; i < 600; i += 1) {
    if (child.exitCode !== null) throw new Error(`kinesis-local exited with ${child.exitCode}`);
    const status = await client.send(new DescribeStreamSummaryCommand({ StreamName: 'bench-events' })).then((answer) => answer.StreamDescriptionSummary?.StreamStatus, () => null);
    if (status === 'ACTIVE') return client.destroy();
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('the stream bench-events did not become ACTIVE');
}

async function main() {
  const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
  if (!fs.existsSync(path.join(root, '.next/BUILD_ID'))) {
    console.log('no production build in .next: running next build');
    const build = spawnSync('npx', ['next', 'build'], { cwd: root, stdio: 'inherit' });
    if (build.status !== 0) process.exit(build.status ?? 1);
  }
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-ingest-'));
  const children = [];
  const stop = () => children.forEach((child) => child.exitCode === null && process.kill(-child.pid, 'SIGTERM'));
  // The servers may still be writing into the work folder until they have exited.
  const exited = () => Promise.all(children.map((child) => child.exitCode !== null || child.signalCode !== null || new Promise((resolve) => child.once('exit', resolve))));
  process.on('SIGINT', () => (stop(), process.exit(130)));
  try {
    const run = await sides(root, work);
    children.push(...run.sides.map((side) => side.child), ...run.extra);
    const [first, second] = run.sides;
    await Promise.all(run.sides.map((side) => waitUp(side.url, side.child)));
    const seconds = Number(values.duration);
    const rounds = Number(values.rounds);
    await load(first.url, 3); // warm-up: route module, JIT, connections
    await load(second.url, 3);
    // Alternate the two in short rounds and keep the medians, so a burst of other work on the
    // machine weighs on both sides rather than on whichever ran at the time.
    const results = [[], []];
    for (let round = 0; round < rounds; round += 1) {
      results[0].push(await load(first.url, seconds / rounds));
      results[1].push(await load(second.url, seconds / rounds));
    }
    const median = (runs, key) => runs.map((r) => r[key]).sort((a, b) => a - b)[Math.floor(runs.length / 2)];
    const summary = (runs) => ({ eventsPerSecond: median(runs, 'eventsPerSecond'), p99: median(runs, 'p99'), errors: runs.reduce((sum, r) => sum + r.errors, 0) });
    const [a, b] = results.map(summary);
    const row = (name, r) => `${name.padEnd(28)} ${r.eventsPerSecond.toFixed(0).padStart(8)} events/s   p99 ${String(r.p99).padStart(5)} ms   errors ${r.errors}`;
    console.log(`\n${BATCH} events per request, ${values.connections} connections, ${rounds} alternating rounds of ${seconds / rounds} s each (medians), ${os.cpus().length} CPUs`);
    console.log(row(first.name, a));
    console.log(row(second.name, b));
    console.log(`ratio: ${first.name} at ${((100 * a.eventsPerSecond) / b.eventsPerSecond).toFixed(0)}% of the events/s ${run.aim}`);
  } finally {
    stop();
    await Promise.race([exited(), new Promise((resolve) => setTimeout(resolve, 10_000))]);
    fs.rmSync(work, { recursive: true, force: true });
  }
}
