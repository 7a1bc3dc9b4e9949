import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase, type TestDatabase } from '../warehouse/test-db';
import { productPerformanceReport, productPerformanceSchema } from './product-performance';
import { insertEvents } from '../warehouse/test-fixtures';
import { AURORA, LUNA, OPAL, ORDER_A, ORDER_C, RANGE, add, checkout, loadStore, session, view } from './test-fixtures';

let db: TestDatabase;
beforeAll(async () => {
  db = await freshDatabase();
});
afterAll(() => db.close());

const unitsOf = (items: typeof ORDER_A, product: typeof AURORA) => items.filter((i) => i.product.id === product.id).reduce((sum, i) => sum + i.quantity, 0);
const money = (value: number) => Math.round(value * 100) / 100;

describe('product performance', () => {
  it('is an empty list for an empty warehouse', async () => {
    expect(productPerformanceSchema.parse(await productPerformanceReport(db.pool, RANGE))).toEqual({ products: [] });
  });

  it("follows each product's sessions from view to cart, checkout and purchase", async () => {
    await loadStore(db.pool);
    const { products } = productPerformanceSchema.parse(await productPerformanceReport(db.pool, RANGE));
    const auroraUnits = unitsOf(ORDER_A, AURORA) + unitsOf(ORDER_C, AURORA);
    expect(products).toEqual([
      // A: view, add, checkout, order. C: view, add and order with no checkout_start (its order reported twice).
      {
        product_id: AURORA.id, name: AURORA.name, category: 'rings',
        view_sessions: 2, cart_sessions: 2, checkout_sessions: 1, purchase_sessions: 2,
        view_to_cart_rate: 1, cart_to_purchase_rate: 1, units_sold: auroraUnits, revenue: money(auroraUnits * AURORA.price),
      },
      // B views and adds it but does not buy; C buys it without viewing or adding it.
      {
        product_id: LUNA.id, name: LUNA.name, category: 'rings',
        view_sessions: 1, cart_sessions: 1, checkout_sessions: 0, purchase_sessions: 1,
        view_to_cart_rate: 1, cart_to_purchase_rate: 0, units_sold: unitsOf(ORDER_C, LUNA), revenue: money(unitsOf(ORDER_C, LUNA) * LUNA.price),
      },
      {
        product_id: OPAL.id, name: OPAL.name, category: 'rings',
        view_sessions: 1, cart_sessions: 0, checkout_sessions: 0, purchase_sessions: 0,
        view_to_cart_rate: 0, cart_to_purchase_rate: 0, units_sold: 0, revenue: 0,
      },
    ]);
  });

  it('rates follow the same sessions, and a product only in a checkout cart is not listed', async () => {
    const day = { from: '2026-10-01', to: '2026-10-01' };
    await insertEvents(db.pool, [
      ...session('2026-10-01T09:00:00.000Z', [view(OPAL), add(OPAL), checkout([{ product: OPAL, quantity: 1 }, { product: LUNA, quantity: 1 }])]),
      ...session('2026-10-01T10:00:00.000Z', [view(OPAL)]),
      ...session('2026-10-01T11:00:00.000Z', [view(OPAL)]),
    ]);
    const { products } = productPerformanceSchema.parse(await productPerformanceReport(db.pool, day));
    // Three viewers, one of whom added and checked out: 1/3 to cart, 0/1 bought. LUNA was only in the cart.
    expect(products).toEqual([
      {
        product_id: OPAL.id, name: OPAL.name, category: 'rings',
        view_sessions: 3, cart_sessions: 1, checkout_sessions: 1, purchase_sessions: 0,
        view_to_cart_rate: Math.round((1 / 3) * 10_000) / 10_000, cart_to_purchase_rate: 0, units_sold: 0, revenue: 0,
      },
    ]);
  });
});
