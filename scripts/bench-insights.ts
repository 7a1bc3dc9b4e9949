// `npm run bench:insights [-- --runs 20]`: every insights report's server time, through the API, for
// the last 30 and the last 90 days of the warehouse (DATABASE_URL, else the embedded one), as an
// analyst with a real emulator token. Fill it first with
//   npm run demo:traffic -- --events 1000000 --days 90 && npm run warehouse:load
// Beside each report: its 90-day time over its 30-day time and the machine's load average while it
// ran (the machine may be shared: a p95 over the target under load is not the report's alone); and,
// side by side in the same run on one pool of the warehouse's own settings, the funnel computed from
// the raw events against the pre-aggregated funnel_step, and the returning query as first written
// against today's. A benchmark, not a test; docs/insights.md keeps its data under /tmp.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import { parseArgs } from 'node:util';
import { cognitoLocalTokens, startCognitoLocal } from '@/lib/ingest/test-servers';
import { funnelReport } from '@/lib/insights/funnel';
import { returningReport } from '@/lib/insights/returning';
import { REPORT_NAMES } from '@/lib/insights/reports';
import { rangeBounds, type DateRange } from '@/lib/insights/range';
import { silentLogger } from '@/lib/ingest/log';
import { createWebInsightsHandler } from '@/lib/insights/web-adapter';
import { readWarehouseConfig } from '@/lib/warehouse/config';
import { openWarehouse } from '@/lib/warehouse/runtime';
import { DEMO_ANALYST, DEMO_POOL } from './cognito-seed.mjs';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '20' } } });
const RUNS = Number(values.runs);
const WARM_UP = 3;
const TARGET_MS = 250;
const DAY_MS = 86_400_000;

// The funnel as it would be without the pre-aggregate: every event of the range's sessions, in order.
const RAW_FUNNEL = `
WITH in_range AS (SELECT session_id FROM clickstream_sessions WHERE started_at >= $1::timestamptz AND started_at < $2::timestamptz),
paths AS (
  SELECT session_id, string_agg(code, '' ORDER BY event_timestamp, client_timestamp, code COLLATE "C", event_id) AS path
  FROM (
    SELECT e.session_id, e.event_timestamp, e.client_timestamp, e.event_id,
      CASE e.event_name WHEN 'page_view' THEN 'a' WHEN 'product_view' THEN 'b' WHEN 'add_to_cart' THEN 'c'
        WHEN 'checkout_start' THEN 'd' WHEN 'checkout_complete' THEN 'e' END AS code
    FROM clickstream_events e JOIN in_range USING (session_id)
  ) coded GROUP BY session_id
)
SELECT count(*) FILTER (WHERE path ~ 'a') AS page_view, count(*) FILTER (WHERE path ~ 'a.*b') AS product_view,
  count(*) FILTER (WHERE path ~ 'a.*b.*c') AS add_to_cart, count(*) FILTER (WHERE path ~ 'a.*b.*c.*d') AS checkout_start,
  count(*) FILTER (WHERE path ~ 'a.*b.*c.*d.*e') AS checkout_complete
FROM paths`;

// The returning report as it was first written: every shopper's first session found among all
// sessions, then joined back to them. Measured beside today's query, which reads the range's sessions.
const RETURNING_FROM_ALL_SESSIONS = `
WITH sessions AS (
  SELECT coalesce('user:' || user_id, 'client:' || client_id) AS shopper, started_at, orders FROM clickstream_sessions
), cohort AS (
  SELECT shopper, date_trunc('week', min(started_at) AT TIME ZONE 'UTC')::date AS week
  FROM sessions GROUP BY shopper
  HAVING min(started_at) >= $1::timestamptz AND min(started_at) < $2::timestamptz
), visits AS (
  SELECT c.shopper, c.week, (date_trunc('week', s.started_at AT TIME ZONE 'UTC')::date - c.week) / 7 AS weeks_after, s.orders
  FROM cohort c JOIN sessions s USING (shopper) WHERE s.started_at < $2::timestamptz
), per_shopper AS (
  SELECT shopper, max(weeks_after) > 0 AS returned, count(*) FILTER (WHERE orders > 0) AS ordering_sessions
  FROM visits GROUP BY shopper
), grid AS (
  SELECT week, weeks_after, count(DISTINCT shopper) AS shoppers FROM visits GROUP BY week, weeks_after
)
SELECT (SELECT coalesce(json_agg(json_build_array(to_char(week, 'YYYY-MM-DD'), weeks_after, shoppers)), '[]') FROM grid) AS grid,
  count(*)::int AS shoppers, count(*) FILTER (WHERE returned)::int AS returning_shoppers,
  count(*) FILTER (WHERE ordering_sessions > 0)::int AS buyers, count(*) FILTER (WHERE ordering_sessions > 1)::int AS repeat_buyers
FROM per_shopper`;

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
const ms = (n: number) => n.toFixed(1).padStart(7);
const load = () => os.loadavg()[0].toFixed(2).padStart(5);
const REPORT_WIDTH = Math.max(...REPORT_NAMES.map((name) => name.length));

function lastDays(days: number, latest: Date): DateRange {
  const to = latest.toISOString().slice(0, 10);
  return { from: new Date(Date.parse(to) - (days - 1) * DAY_MS).toISOString().slice(0, 10), to };
}

async function timed(run: () => Promise<number>, runs = RUNS): Promise<{ p50: number; p95: number }> {
  for (let i = 0; i < WARM_UP; i += 1) await run();
  const times: number[] = [];
  for (let i = 0; i < runs; i += 1) times.push(await run());
  times.sort((a, b) => a - b);
  return { p50: percentile(times, 50), p95: percentile(times, 95) };
}

/** A query's time in the database alone, from this process. */
const inDatabase = (run: () => Promise<unknown>, runs = RUNS) => timed(async () => {
  const started = performance.now();
  await run();
  return performance.now() - started;
}, runs);

const config = readWarehouseConfig();
const warehouse = await openWarehouse(config);
const cognito = await startCognitoLocal();
try {
  const { rows } = await warehouse.pool.query<{ events: string; sessions: string; latest: Date | null }>(
    'SELECT (SELECT count(*) FROM clickstream_events) AS events, count(*) AS sessions, max(started_at) AS latest FROM clickstream_sessions',
  );
  const { events, sessions, latest } = rows[0];
  if (!latest) throw new Error('the warehouse is empty: run `npm run demo:traffic -- --events 1000000 --days 90` and `npm run warehouse:load` first');
  console.log(`warehouse: ${Number(events).toLocaleString('en-US')} events, ${Number(sessions).toLocaleString('en-US')} sessions, latest ${latest.toISOString().slice(0, 10)}`);

  const handle = createWebInsightsHandler(
    { CLICKSTREAM_COGNITO_ISSUER: `${cognito.endpoint}/${DEMO_POOL.userPoolId}`, CLICKSTREAM_COGNITO_CLIENT_ID: DEMO_POOL.clientId, DATABASE_URL: warehouse.url },
    silentLogger,
  );
  // The same Web adapter as the Next route, behind a bare Node server, so the figures are the API's own.
  const server = http.createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const response = await handle(new Request(url, { headers: { authorization: req.headers.authorization ?? '' } }), url.pathname.split('/').pop() ?? '');
    res.writeHead(response.status, Object.fromEntries(response.headers)).end(await response.text());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/insights`;
  const { IdToken } = await cognitoLocalTokens(cognito.endpoint, DEMO_POOL.clientId, DEMO_ANALYST);

  const ranges = { '30 days': lastDays(30, latest), '90 days': lastDays(90, latest) };
  console.log(`\n${RUNS} warm runs each (after ${WARM_UP} warm-up); server time = the core's Server-Timing total, target p95 < ${TARGET_MS} ms`);
  console.log(`machine: ${os.cpus().length} cores, load average ${os.loadavg().map((n) => n.toFixed(2)).join(' / ')} (1 / 5 / 15 min) before the first request`);
  console.log(`load = the 1-minute load average right after the row's runs\n`);
  console.log(`${'report'.padEnd(REPORT_WIDTH)} range      p50 ms   p95 ms   load   90d/30d p95`);
  let failures = 0;
  for (const report of REPORT_NAMES) {
    const results: Record<string, { p50: number; p95: number; load: string }> = {};
    for (const [label, range] of Object.entries(ranges)) {
      results[label] = await timed(async () => {
        const response = await fetch(`${base}/${report}?from=${range.from}&to=${range.to}`, { headers: { authorization: `Bearer ${IdToken}` } });
        if (response.status !== 200) throw new Error(`${report} answered ${response.status}: ${await response.text()}`);
        await response.arrayBuffer();
        return Number(/total;dur=([\d.]+)/.exec(response.headers.get('server-timing') ?? '')?.[1]);
      }).then((figures) => ({ ...figures, load: load() }));
      if (results[label].p95 >= TARGET_MS) failures += 1;
    }
    for (const label of Object.keys(ranges)) {
      const ratio = label === '90 days' ? `${(results['90 days'].p95 / results['30 days'].p95).toFixed(2)}x` : '';
      const { p50, p95, load: during } = results[label];
      console.log(`${report.padEnd(REPORT_WIDTH)} ${label.padEnd(8)} ${ms(p50)}  ${ms(p95)}  ${during}   ${ratio}`);
    }
  }
  server.close();

  // The raw funnel takes seconds a run: a few runs give its median, and keep the benchmark short.
  const rawRuns = Math.min(RUNS, 5);
  console.log(`\nfunnel in the database alone (${rawRuns} runs each): from the raw events vs from funnel_step (the pre-aggregate)`);
  for (const [label, range] of Object.entries(ranges)) {
    const raw = await inDatabase(() => warehouse.pool.query(RAW_FUNNEL, rangeBounds(range)), rawRuns);
    const pre = await inDatabase(() => funnelReport(warehouse.pool, range), rawRuns);
    console.log(`${label.padEnd(8)} raw p50 ${ms(raw.p50)} ms, pre-aggregated p50 ${ms(pre.p50)} ms: ${(raw.p50 / pre.p50).toFixed(1)}x, load ${load()}`);
  }
  console.log(`\nreturning in the database alone (${RUNS} runs each): from all sessions vs from the range's sessions`);
  for (const [label, range] of Object.entries(ranges)) {
    const all = await inDatabase(() => warehouse.pool.query(RETURNING_FROM_ALL_SESSIONS, rangeBounds(range)));
    const inRange = await inDatabase(() => returningReport(warehouse.pool, range));
    console.log(`${label.padEnd(8)} all sessions p50 ${ms(all.p50)} ms, range's sessions p50 ${ms(inRange.p50)} ms: ${(all.p50 / inRange.p50).toFixed(1)}x, load ${load()}`);
  }
  console.log(`\nmachine: load average ${os.loadavg().map((n) => n.toFixed(2)).join(' / ')} (1 / 5 / 15 min) after the last query`);
  console.log(failures ? `\n${failures} report/range pairs at or over ${TARGET_MS} ms p95` : `\nevery report under ${TARGET_MS} ms p95`);
} finally {
  await cognito.stop();
  await warehouse.close();
}
