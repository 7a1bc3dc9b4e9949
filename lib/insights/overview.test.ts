import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase, type TestDatabase } from '../warehouse/test-db';
import { insertEvents, storedEvent } from '../warehouse/test-fixtures';
import { overviewReport, overviewSchema } from './overview';
import { ORDER_A, ORDER_C, ORDER_E, RANGE, loadStore, orderValue } from './test-fixtures';

let db: TestDatabase;
beforeAll(async () => {
  db = await freshDatabase();
});
afterAll(() => db.close());

describe('overview', () => {
  it('answers zeros, not errors, for an empty warehouse', async () => {
    const zeros = { sessions: 0, shoppers: 0, page_views: 0, orders: 0, revenue: 0, conversion_rate: 0, average_order_value: 0 };
    expect(overviewSchema.parse(await overviewReport(db.pool, RANGE))).toEqual({ ...zeros, previous: zeros });
  });

  it('counts the sessions that started in the range, stitched shoppers once, money in cents', async () => {
    await loadStore(db.pool);
    const report = overviewSchema.parse(await overviewReport(db.pool, RANGE));
    // A, B, C and D started in the range; A and D are Ada, a guest and then signed in on one browser.
    const revenue = Math.round((orderValue(ORDER_A) + orderValue(ORDER_C)) * 100) / 100;
    expect(revenue).toBe(435.47);
    expect(report).toMatchObject({
      sessions: 4,
      shoppers: 3,
      // A: 1, B: 1, C: 1, D: 1 (C's order counted once although reported twice).
      page_views: 4,
      orders: 2,
      revenue,
      conversion_rate: 2 / 4,
      // 435.47 / 2 = 217.735, rounded half up.
      average_order_value: 217.74,
    });
    // 11-07 to 11-09: only E, one order of three Luna Earrings.
    expect(report.previous).toEqual({
      sessions: 1, shoppers: 1, page_views: 1, orders: 1, revenue: orderValue(ORDER_E), conversion_rate: 1, average_order_value: orderValue(ORDER_E),
    });
  });
});

describe('overview shoppers', () => {
  it('counts a user signed in on two browsers once, and a browser whose id equals a user id apart from that user', async () => {
    const other = await freshDatabase();
    try {
      const at = '2026-11-11T10:00:00.000Z';
      const mia = randomUUID();
      const signedIn = { user_id: mia, user_login_state: 'logged_in', identity_source: 'cognito', identity_verified: true };
      const visit = (client_id: string, extra: object = {}) =>
        storedEvent({ session_id: randomUUID(), client_id, event_timestamp: at, client_timestamp: at, ...extra });
      // Mia on her laptop and on her phone; a guest browser whose client id happens to equal her user id.
      await insertEvents(other.pool, [visit(randomUUID(), signedIn), visit(randomUUID(), signedIn), visit(mia)]);
      expect(await overviewReport(other.pool, RANGE)).toMatchObject({ sessions: 3, shoppers: 2 });
    } finally {
      await other.close();
    }
  });
});
