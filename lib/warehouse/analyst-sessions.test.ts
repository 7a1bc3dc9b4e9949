// The analyst rule (docs/insights.md): events on /insights or under it are not shopper activity.
import fs from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../ingest/log';
import { MIGRATIONS_DIR, migrate } from './migrate';
import { rederiveQueued } from './rederive';
import { eventRow } from './row';
import { freshDatabase, type TestDatabase } from './test-db';
import { insertEvents, storedEvent, tempDir } from './test-fixtures';

const at = (minute: number) => new Date(Date.UTC(2026, 10, 20, 10, minute)).toISOString();
// `url`: path and query of the page; page_path is its path alone, as the tracker sends it.
const event = (ids: object, minute: number, url: string, extra: Record<string, unknown> = {}) =>
  storedEvent({ ...ids, event_timestamp: at(minute), client_timestamp: at(minute), page_path: url.split('?')[0], page_url: `https://lumen.example${url}`, ...extra });
const ids = () => ({ session_id: randomUUID(), client_id: randomUUID() });

async function sessionRow(pool: TestDatabase['pool'], id: string) {
  return (await pool.query('SELECT * FROM clickstream_sessions WHERE session_id = $1', [id])).rows[0];
}

describe('sessions leave out analysts visits to /insights', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await freshDatabase();
  });
  afterAll(() => db.close());

  it('gives a session of /insights pages alone no row at all', async () => {
    const analyst = ids();
    await insertEvents(db.pool, [event(analyst, 0, '/insights'), event(analyst, 1, '/insights/'), event(analyst, 2, '/insights?from=2026-11-01')]);
    expect(await sessionRow(db.pool, analyst.session_id)).toBeUndefined();
  });

  it('counts a session that also shopped from its shop pages only, whichever came first', async () => {
    const both = ids();
    await insertEvents(db.pool, [
      event(both, 0, '/insights'),
      event(both, 3, '/?utm_source=newsletter&utm_medium=email'),
      event(both, 5, '/products/aurora-ring', { event_name: 'product_view', context_product_id: 'aurora-ring' }),
      event(both, 9, '/insights'),
    ]);
    const row = await sessionRow(db.pool, both.session_id);
    expect(row).toMatchObject({ events: 2, page_views: 1, product_views: 1, entry_path: '/', exit_path: '/products/aurora-ring', duration_s: 120 });
    expect(row.started_at).toEqual(new Date(at(3)));
    expect(row).toMatchObject({ utm_source: 'newsletter', utm_medium: 'email', channel: 'email' });
  });

  it('still counts a page whose path only starts like it (/insightsful)', async () => {
    const shopper = ids();
    await insertEvents(db.pool, [event(shopper, 0, '/insightsful-gifts')]);
    expect(await sessionRow(db.pool, shopper.session_id)).toMatchObject({ events: 1 });
  });
});

describe('migration 0011 on a warehouse loaded before it', () => {
  let db: TestDatabase;
  const analyst = ids();
  const both = ids();
  beforeAll(async () => {
    const earlier = tempDir();
    for (const name of fs.readdirSync(MIGRATIONS_DIR).filter((n) => n < '0011')) fs.copyFileSync(path.join(MIGRATIONS_DIR, name), path.join(earlier, name));
    db = await freshDatabase(earlier);
    // The rows as the loader before 0011 left them: every event of a session counted.
    const events = [event(analyst, 0, '/insights'), event(both, 10, '/insights'), event(both, 12, '/?utm_source=ig&utm_medium=social&utm_campaign=holiday')];
    await db.pool.query('INSERT INTO clickstream_events SELECT * FROM json_populate_recordset(null::clickstream_events, $1)', [
      JSON.stringify(events.map((e) => ({ ...eventRow(e, `test/${e.event_id}.json`), loaded_at: at(30) }))),
    ]);
    await db.pool.query(
      `INSERT INTO clickstream_sessions (session_id, client_id, started_at, ended_at, duration_s, events, page_views, product_views,
         add_to_carts, checkouts, orders, revenue, entry_path, exit_path, converted)
       VALUES ($1, $2, $5, $5, 0, 1, 1, 0, 0, 0, 0, 0, '/insights', '/insights', false),
              ($3, $4, $6, $7, 120, 2, 2, 0, 0, 0, 0, 0, '/insights', '/', false)`,
      [analyst.session_id, analyst.client_id, both.session_id, both.client_id, at(0), at(10), at(12)],
    );
    await migrate(db.pool);
  });
  afterAll(() => db.close());

  it('derives the stored sessions again on the next load: analysts out, landing page and campaign in', async () => {
    const client = await db.pool.connect();
    try {
      expect(await rederiveQueued(client, silentLogger, 1)).toBe(2);
    } finally {
      client.release();
    }
    expect(await sessionRow(db.pool, analyst.session_id)).toBeUndefined();
    const row = await sessionRow(db.pool, both.session_id);
    expect(row).toMatchObject({ events: 1, entry_path: '/', landing_url: 'https://lumen.example/?utm_source=ig&utm_medium=social&utm_campaign=holiday' });
    expect(row).toMatchObject({ utm_source: 'ig', utm_medium: 'social', utm_campaign: 'holiday', channel: 'social' });
    expect(row.started_at).toEqual(new Date(at(12)));
    expect((await db.pool.query('SELECT count(*)::int AS n FROM clickstream_rederive')).rows[0].n).toBe(0);
  });
});
