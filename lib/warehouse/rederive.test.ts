// The re-derive queue derives many sessions per statement: each session's rows must come out as if
// it were derived alone, so that the upgrade of a loaded warehouse changes nothing but what the
// migration meant to change.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../ingest/log';
import { demoTraffic } from './demo-traffic';
import { rederiveQueued } from './rederive';
import { freshDatabase, type TestDatabase } from './test-db';
import { insertEvents, storedEvent } from './test-fixtures';

let db: TestDatabase;
beforeAll(async () => {
  db = await freshDatabase();
  const sessions = [...demoTraffic({ events: 1500, days: 21, seed: 16, now: new Date('2026-11-30T12:00:00.000Z') })];
  // An analyst's visit inside a shopper's session: its event stays out of every derived row.
  const [first] = sessions[0];
  const analyst = storedEvent({ session_id: first.session_id, client_id: first.client_id, event_timestamp: first.event_timestamp, page_path: '/insights' });
  await insertEvents(db.pool, [...sessions.flat(), analyst]);
});
afterAll(() => db.close());

/** Every derived row, in key order, as text: what a report could read. */
async function derivedRows() {
  const table = async (sql: string) => (await db.pool.query(sql)).rows.map((row) => JSON.stringify(row));
  return {
    sessions: await table('SELECT * FROM clickstream_sessions ORDER BY session_id'),
    products: await table('SELECT * FROM clickstream_session_products ORDER BY session_id, product_id'),
    searches: await table('SELECT * FROM clickstream_session_searches ORDER BY session_id, term'),
  };
}

async function rederiveAll(chunk?: number): Promise<number> {
  await db.pool.query('INSERT INTO clickstream_rederive (session_id) SELECT session_id FROM clickstream_sessions');
  const client = await db.pool.connect();
  try {
    return await rederiveQueued(client, silentLogger, chunk);
  } finally {
    client.release();
  }
}

describe('re-deriving queued sessions', () => {
  it('gives the loader rows again, whether sessions are derived one at a time or thousands per statement', async () => {
    const loaded = await derivedRows();
    expect(loaded.sessions.length).toBeGreaterThan(150);
    expect(loaded.products.length).toBeGreaterThan(150);
    expect(loaded.searches.length).toBeGreaterThan(5);

    expect(await rederiveAll(1)).toBe(loaded.sessions.length);
    expect(await derivedRows()).toEqual(loaded);
    expect(await rederiveAll()).toBe(loaded.sessions.length);
    expect(await derivedRows()).toEqual(loaded);
    expect((await db.pool.query('SELECT count(*)::int AS n FROM clickstream_rederive')).rows[0].n).toBe(0);
  }, 120_000);
});
