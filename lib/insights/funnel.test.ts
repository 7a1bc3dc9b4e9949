import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase, type TestDatabase } from '../warehouse/test-db';
import { insertEvents } from '../warehouse/test-fixtures';
import { funnelReport, funnelSchema } from './funnel';
import { AURORA, ORDER_A, RANGE, add, checkout, loadStore, order, page, session, view } from './test-fixtures';

let db: TestDatabase;
beforeAll(async () => {
  db = await freshDatabase();
});
afterAll(() => db.close());

const counts = async (range = RANGE) => funnelSchema.parse(await funnelReport(db.pool, range)).steps.map((s) => [s.step, s.sessions]);

describe('funnel', () => {
  it('lists the five steps with zeros for an empty warehouse', async () => {
    expect(await counts()).toEqual([['page_view', 0], ['product_view', 0], ['add_to_cart', 0], ['checkout_start', 0], ['checkout_complete', 0]]);
  });

  it('counts a session at a step only when each step before it came first', async () => {
    await loadStore(db.pool);
    // page_view: A, B, C, D. product_view: A, B, C. add_to_cart: A and C (B added before it viewed,
    // in the client clock's order within one request). checkout_start: A only; C ordered without
    // one, so its order is not a funnel completion. checkout_complete: A.
    expect(await counts()).toEqual([['page_view', 4], ['product_view', 3], ['add_to_cart', 2], ['checkout_start', 1], ['checkout_complete', 1]]);
  });

  it('counts a product view sent in the same instant as its page view as after it, whatever the event ids', async () => {
    const range = { from: '2026-10-02', to: '2026-10-02' };
    const at = '2026-10-02T08:00:00.000Z';
    // One request, one client millisecond: the ids alone would put the product view first.
    const events = session(at, [
      { ...view(AURORA), at, event_id: '00000000-0000-4000-8000-000000000001' },
      { ...page('/products/aurora-ring'), at, event_id: 'ffffffff-ffff-4fff-bfff-ffffffffffff' },
      add(AURORA),
    ]);
    await insertEvents(db.pool, events);
    expect((await counts(range)).map(([, n]) => n)).toEqual([1, 1, 1, 0, 0]);
  });

  it('follows a session whose events arrive over two loads', async () => {
    const range = { from: '2026-10-01', to: '2026-10-01' };
    const events = session('2026-10-01T08:00:00.000Z', [page(), view(AURORA), add(AURORA), checkout(ORDER_A), order('LJ-L00001', ORDER_A)]);
    await insertEvents(db.pool, events.slice(0, 2));
    expect((await counts(range)).map(([, n]) => n)).toEqual([1, 1, 0, 0, 0]);
    await insertEvents(db.pool, events.slice(2));
    expect((await counts(range)).map(([, n]) => n)).toEqual([1, 1, 1, 1, 1]);
  });
});
