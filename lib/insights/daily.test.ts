import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase, type TestDatabase } from '../warehouse/test-db';
import { dailyReport, dailySchema } from './daily';
import { ORDER_A, ORDER_C, RANGE, loadStore, orderValue } from './test-fixtures';

let db: TestDatabase;
beforeAll(async () => {
  db = await freshDatabase();
});
afterAll(() => db.close());

const zero = (date: string) => ({ date, sessions: 0, page_views: 0, orders: 0, revenue: 0 });

describe('daily', () => {
  it('has one zero entry per day of the range in an empty warehouse', async () => {
    const report = dailySchema.parse(await dailyReport(db.pool, { from: '2026-02-27', to: '2026-03-02' }));
    expect(report.days).toEqual(['2026-02-27', '2026-02-28', '2026-03-01', '2026-03-02'].map(zero));
  });

  it('puts each session on the UTC day it started and fills the days between with zeros', async () => {
    await loadStore(db.pool);
    const report = dailySchema.parse(await dailyReport(db.pool, RANGE));
    expect(report.days).toEqual([
      // A and B; B runs past midnight but started on the 10th.
      { date: '2026-11-10', sessions: 2, page_views: 2, orders: 1, revenue: orderValue(ORDER_A) },
      zero('2026-11-11'),
      // C and D.
      { date: '2026-11-12', sessions: 2, page_views: 2, orders: 1, revenue: orderValue(ORDER_C) },
    ]);
    expect(orderValue(ORDER_C)).toBe(175.49);
  });
});
