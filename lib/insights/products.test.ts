import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase, type TestDatabase } from '../warehouse/test-db';
import { insertEvents } from '../warehouse/test-fixtures';
import { productsReport, productsSchema } from './products';
import { AURORA, LUNA, OPAL, ORDER_E, RANGE, add, loadStore, order, orderValue, page, session, view } from './test-fixtures';

let db: TestDatabase;
beforeAll(async () => {
  db = await freshDatabase();
});
afterAll(() => db.close());

describe('products', () => {
  it('is an empty list for an empty warehouse', async () => {
    expect(productsSchema.parse(await productsReport(db.pool, RANGE))).toEqual({ products: [] });
  });

  it('ranks by revenue then views, with units and revenue from distinct orders only', async () => {
    await loadStore(db.pool);
    const { products } = productsSchema.parse(await productsReport(db.pool, RANGE));
    expect(products).toEqual([
      // Viewed by A and C, added by A (x2, one event) and C, sold 2 (A) + 1 (C; reported twice, one order).
      { product_id: AURORA.id, name: AURORA.name, views: 2, add_to_carts: 2, units_sold: 3, revenue: Math.round(3 * AURORA.price * 100) / 100 },
      // Viewed and added by B, bought by C; E's three are in the period before.
      { product_id: LUNA.id, name: LUNA.name, views: 1, add_to_carts: 1, units_sold: 1, revenue: LUNA.price },
      { product_id: OPAL.id, name: OPAL.name, views: 1, add_to_carts: 0, units_sold: 0, revenue: 0 },
    ]);
    expect(products[0].revenue).toBe(389.97);
  });

  it('recomputes a session\'s products when its events arrive over several loads, never twice', async () => {
    const day = { from: '2026-09-01', to: '2026-09-01' };
    const events = session('2026-09-01T10:00:00.000Z', [page(), view(LUNA), add(LUNA, 3), order('LJ-P00001', ORDER_E)]);
    await insertEvents(db.pool, events.slice(0, 3));
    await insertEvents(db.pool, events.slice(3));
    await insertEvents(db.pool, events.slice(3));
    expect(productsSchema.parse(await productsReport(db.pool, day)).products).toEqual([
      { product_id: LUNA.id, name: LUNA.name, views: 1, add_to_carts: 1, units_sold: 3, revenue: orderValue(ORDER_E) },
    ]);
  });
});
