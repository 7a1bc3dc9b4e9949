import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { freshDatabase, type TestDatabase } from './test-db';
import { insertEvents, storedEvent } from './test-fixtures';
import { migrate } from './migrate';

let db: TestDatabase;
beforeAll(async () => {
  db = await freshDatabase();
});
afterAll(() => db.close());

const at = (minute: number) => new Date(Date.UTC(2026, 10, 20, 10, minute)).toISOString();
const when = (minute: number) => ({ event_timestamp: at(minute), client_timestamp: at(minute) });
const cart = (value: number) => ({ items: [{ product_id: 'aurora-ring', quantity: 1, unit_price: value }], item_count: 1, value, currency: 'USD' });

async function session(id: string) {
  const { rows } = await db.pool.query('SELECT * FROM clickstream_sessions WHERE session_id = $1', [id]);
  return rows[0];
}

describe('refreshDerived', () => {
  it('migrations are recorded once and a second run applies nothing', async () => {
    expect(await migrate(db.pool)).toEqual([]);
    const { rows } = await db.pool.query('SELECT name FROM warehouse_migrations');
    expect(rows.map((r) => r.name)).toContain('0001_tables.sql');
  });

  it('counts a session spread over two loads once, with totals from all of its events', async () => {
    const ids = { session_id: randomUUID(), client_id: randomUUID() };
    await insertEvents(db.pool, [
      storedEvent({ ...ids, ...when(0), page_path: '/' }),
      storedEvent({ ...ids, ...when(2), event_name: 'product_view', page_path: '/products/aurora-ring' }),
    ]);
    await insertEvents(db.pool, [
      storedEvent({ ...ids, ...when(5), event_name: 'checkout_complete', order_id: 'LJ-000001', cart: cart(120.5), page_path: '/checkout' }),
      // The same order reported twice (a resent page) is still one order.
      storedEvent({ ...ids, ...when(6), event_name: 'checkout_complete', order_id: 'LJ-000001', cart: cart(120.5), page_path: '/checkout/confirmation' }),
    ]);
    const row = await session(ids.session_id);
    expect(await db.pool.query('SELECT count(*)::int AS n FROM clickstream_sessions WHERE session_id = $1', [ids.session_id])).toMatchObject({ rows: [{ n: 1 }] });
    expect(row).toMatchObject({ events: 4, page_views: 1, product_views: 1, orders: 1, revenue: '120.50', converted: true, duration_s: 360 });
    expect(row).toMatchObject({ entry_path: '/', exit_path: '/checkout/confirmation' });
  });

  it('stitches a guest who signs in later into one shopper, back to the guest session', async () => {
    const client_id = randomUUID();
    const guest = randomUUID();
    const later = randomUUID();
    await insertEvents(db.pool, [storedEvent({ client_id, session_id: guest, ...when(10) })]);
    expect((await session(guest)).user_id).toBeNull();
    await insertEvents(db.pool, [
      storedEvent({ client_id, session_id: later, ...when(20), user_id: 'sub-ada', user_login_state: 'logged_in', identity_source: 'cognito', identity_verified: true }),
    ]);
    expect((await session(guest)).user_id).toBe('sub-ada');
    expect((await session(later)).user_id).toBe('sub-ada');
    const { rows } = await db.pool.query('SELECT user_id, first_seen, last_seen FROM shopper_identities WHERE client_id = $1', [client_id]);
    expect(rows).toEqual([{ user_id: 'sub-ada', first_seen: new Date(at(10)), last_seen: new Date(at(20)) }]);
  });

  it('never stitches an unverified user_id', async () => {
    const ids = { client_id: randomUUID(), session_id: randomUUID() };
    await insertEvents(db.pool, [
      storedEvent({ ...ids, ...when(30), user_id: 'sub-forged', user_login_state: 'logged_in', identity_source: 'cognito', identity_verified: false }),
    ]);
    expect((await session(ids.session_id)).user_id).toBeNull();
    expect((await db.pool.query('SELECT 1 FROM shopper_identities WHERE client_id = $1', [ids.client_id])).rowCount).toBe(0);
  });
});
