// The live report without a stream, from the real PostgreSQL: the same figures as the live table.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase, type TestDatabase } from '../warehouse/test-db';
import { insertEvents } from '../warehouse/test-fixtures';
import { liveScenario, scenarioFigures } from './test-fixtures';
import { liveFromWarehouse } from './warehouse-source';

let db: TestDatabase;
const now = new Date();
const scenario = liveScenario(now);

beforeAll(async () => {
  db = await freshDatabase();
  await insertEvents(db.pool, scenario.events);
});
afterAll(() => db?.close());

describe('the live report from the warehouse', () => {
  it('answers the figures of the events loaded, without the analyst and the bot, and says where they come from', async () => {
    const { figures, recent } = scenarioFigures(scenario);
    const report = await liveFromWarehouse(db.pool, now);
    expect(report).toMatchObject({ source: 'warehouse', as_of: now.toISOString(), ...figures });
    expect(report.recent.map((event) => [event.at, event.event_name, event.product_name])).toEqual(
      recent.map((event) => [event.event_timestamp, event.event_name, event.context_product_name]),
    );
  });

  it('answers zeros, not an error, when nothing happened in the window', async () => {
    const report = await liveFromWarehouse(db.pool, new Date(now.getTime() - 24 * 60 * 60_000));
    expect(report).toMatchObject({ active_shoppers: 0, active_sessions: 0, pages: [], carts: { open: 0, items: 0, value: 0 }, orders: { count: 0, revenue: 0 }, recent: [] });
  });
});
