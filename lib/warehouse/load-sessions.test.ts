import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FolderSource } from './folder-source';
import { runLoad } from './load';
import { loadDeps, storedEvent, tempDir, TEST_LOAD_OPTIONS, writeEventFiles } from './test-fixtures';
import { freshDatabase, type TestDatabase } from './test-db';

let db: TestDatabase;
let root: string;
beforeAll(async () => {
  db = await freshDatabase();
  root = tempDir();
});
afterAll(() => db.close());

const load = () => runLoad(loadDeps(db.pool, new FolderSource(root)), TEST_LOAD_OPTIONS);
const at = (date: number, minute: number) => new Date(Date.UTC(2026, 10, date, 10, minute));
const when = (date: number, minute: number) => ({ event_timestamp: at(date, minute).toISOString(), client_timestamp: at(date, minute).toISOString() });
const cart = (value: number) => ({ items: [{ product_id: 'aurora-ring', quantity: 2, unit_price: value / 2 }], item_count: 2, value, currency: 'USD' });
const signIn = (user_id: string, identity_verified: boolean) => ({ user_id, user_login_state: 'logged_in', identity_source: 'cognito', identity_verified });

async function session(id: string) {
  return (await db.pool.query('SELECT *, revenue::float8 AS revenue_n FROM clickstream_sessions WHERE session_id = $1', [id])).rows;
}

describe('derived tables through the loader', () => {
  it('counts a session whose events arrive over two loads once, with the totals of all its events', async () => {
    const ids = { session_id: randomUUID(), client_id: randomUUID() };
    // Stored just before and after midnight: two day folders, two loads.
    writeEventFiles(root, [storedEvent({ ...ids, ...when(20, 1), page_path: '/' }), storedEvent({ ...ids, ...when(20, 3), event_name: 'checkout_start', cart: cart(300) })], at(20, 3));
    await load();
    expect(await session(ids.session_id)).toMatchObject([{ events: 2, checkouts: 1, orders: 0, converted: false }]);

    const order = { ...ids, event_name: 'checkout_complete', cart: cart(300), order_id: 'LM-9' };
    writeEventFiles(root, [storedEvent({ ...order, ...when(21, 0) }), storedEvent({ ...order, ...when(21, 1), page_path: '/checkout/done' })], at(21, 1));
    expect(await load()).toMatchObject({ new: 2 });
    const rows = await session(ids.session_id);
    expect(rows).toHaveLength(1);
    const expectedDuration = (at(21, 1).getTime() - at(20, 1).getTime()) / 1000;
    expect(rows[0]).toMatchObject({ events: 4, page_views: 1, checkouts: 1, orders: 1, revenue_n: 300, converted: true, duration_s: expectedDuration, entry_path: '/', exit_path: '/checkout/done' });
  });

  it('makes a guest who signs in in a later load one shopper, and never stitches an unverified user_id', async () => {
    const client_id = randomUUID();
    const [guest, later] = [randomUUID(), randomUUID()];
    const forger = { client_id: randomUUID(), session_id: randomUUID() };
    writeEventFiles(root, [storedEvent({ client_id, session_id: guest, ...when(21, 10) }), storedEvent({ ...forger, ...when(21, 11), ...signIn('sub-victim', false) })], at(21, 11));
    await load();
    writeEventFiles(root, [storedEvent({ client_id, session_id: later, ...when(22, 10), ...signIn('sub-ada', true) })], at(22, 10));
    await load();

    expect((await session(guest))[0].user_id).toBe('sub-ada');
    expect((await session(later))[0].user_id).toBe('sub-ada');
    const shoppers = await db.pool.query(
      `SELECT count(DISTINCT coalesce(i.user_id, s.client_id))::int AS n FROM clickstream_sessions s
       LEFT JOIN shopper_identities i USING (client_id) WHERE s.session_id = ANY($1)`,
      [[guest, later]],
    );
    expect(shoppers.rows[0].n).toBe(1);
    expect((await session(forger.session_id))[0].user_id).toBeNull();
    expect((await db.pool.query('SELECT 1 FROM shopper_identities WHERE client_id = $1', [forger.client_id])).rowCount).toBe(0);
  });
});
