// The deploy guide's Athena queries, run on DuckDB over a table with the Glue table's columns.
// DuckDB is not Athena (Trino), but the queries use only standard SQL plus from_iso8601_timestamp,
// so this checks what matters to an analyst: that the funnel counts what it says it counts.
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import { beforeAll, describe, expect, it } from 'vitest';
import { storedEventColumns } from '../lib/glue-columns';

const guide = readFileSync(join(resolve(import.meta.dirname, '../..'), 'docs/deploy.md'), 'utf8');
const queries = [...guide.matchAll(/```sql\n([\s\S]*?)```/g)].map((match) => match[1]);
const perDayQuery = queries.find((sql) => sql.includes('GROUP BY 1, 2'))!;
const funnelQuery = queries.find((sql) => sql.includes('checkout_complete AS ('))!;

const duckType = (glue: string) =>
  ({ string: 'VARCHAR', int: 'INTEGER', double: 'DOUBLE', boolean: 'BOOLEAN' })[glue] ?? 'JSON';

// [session, event names in time order, dt]
const SESSIONS: [string, string[], string][] = [
  ['full', ['page_view', 'product_view', 'add_to_cart', 'checkout_start', 'checkout_complete'], '2026/11/10'],
  ['left-at-cart', ['page_view', 'product_view', 'add_to_cart'], '2026/11/10'],
  ['browsed', ['page_view', 'product_view', 'page_view'], '2026/11/11'],
  ['bounced', ['page_view'], '2026/11/12'],
  ['cart-before-product', ['page_view', 'add_to_cart', 'product_view'], '2026/11/12'],
  ['retried-and-bought', ['page_view', 'page_view', 'product_view', 'add_to_cart', 'checkout_start', 'checkout_start', 'checkout_complete'], '2026/11/20'],
  ['december', ['page_view', 'product_view', 'add_to_cart', 'checkout_start', 'checkout_complete'], '2026/12/02'],
];

let db: DuckDBConnection;

async function rows(sql: string): Promise<Record<string, unknown>[]> {
  const reader = await db.runAndReadAll(sql);
  // Counts come back as BIGINT; numbers read better in the expectations.
  return reader.getRowObjectsJS().map((row) =>
    Object.fromEntries(Object.entries(row).map(([key, value]) => [key, typeof value === 'bigint' ? Number(value) : value])),
  );
}

beforeAll(async () => {
  db = await (await DuckDBInstance.create(':memory:')).connect();
  const columns = storedEventColumns().map((column) => `${column.name} ${duckType(column.type)}`);
  await db.run('CREATE SCHEMA lumen_clickstream');
  await db.run(`CREATE TABLE lumen_clickstream.clickstream_events (${columns.join(', ')}, dt VARCHAR)`);
  await db.run('CREATE MACRO from_iso8601_timestamp(value) AS CAST(value AS TIMESTAMPTZ)');
  for (const [session, names, dt] of SESSIONS) {
    for (const [index, name] of names.entries()) {
      const at = `${dt.replaceAll('/', '-')}T10:00:0${index}.000Z`;
      await db.run(
        `INSERT INTO lumen_clickstream.clickstream_events (session_id, event_name, client_timestamp, dt) VALUES ('${session}', '${name}', '${at}', '${dt}')`,
      );
    }
  }
});

describe('Athena queries in docs/deploy.md', () => {
  it('finds both queries in the guide', () => {
    expect(perDayQuery).toContain('lumen_clickstream.clickstream_events');
    expect(funnelQuery).toContain("WHERE dt BETWEEN '2026/11/01' AND '2026/11/30'");
  });

  it('counts events and sessions per day and name', async () => {
    const result = await rows(perDayQuery);
    expect(result.find((row) => row.dt === '2026/11/11' && row.event_name === 'page_view')).toMatchObject({ events: 2, sessions: 1 });
    expect(result.some((row) => row.dt === '2026/12/02')).toBe(false);
  });

  it('counts sessions that reach each funnel step after the one before, once each', async () => {
    const result = await rows(funnelQuery);
    expect(result).toEqual([
      { step: 1, event_name: 'page_view', sessions: 6, pct_of_previous: null, pct_of_first: 100 },
      { step: 2, event_name: 'product_view', sessions: 5, pct_of_previous: 83.3, pct_of_first: 83.3 },
      { step: 3, event_name: 'add_to_cart', sessions: 3, pct_of_previous: 60, pct_of_first: 50 },
      { step: 4, event_name: 'checkout_start', sessions: 2, pct_of_previous: 66.7, pct_of_first: 33.3 },
      { step: 5, event_name: 'checkout_complete', sessions: 2, pct_of_previous: 100, pct_of_first: 33.3 },
    ]);
  });
});
