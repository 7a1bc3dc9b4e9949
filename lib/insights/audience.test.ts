import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase, type TestDatabase } from '../warehouse/test-db';
import { audienceReport, audienceSchema } from './audience';
import { RANGE, loadStore } from './test-fixtures';

let db: TestDatabase;
beforeAll(async () => {
  db = await freshDatabase();
});
afterAll(() => db.close());

describe('audience', () => {
  it('has four empty splits for an empty warehouse', async () => {
    expect(audienceSchema.parse(await audienceReport(db.pool, RANGE))).toEqual({ device_type: [], country: [], referrer_host: [], login_state: [] });
  });

  it('splits the sessions by device, country, referring host and sign-in, largest first', async () => {
    await loadStore(db.pool);
    // A, B and D: desktop in DE with no referrer; C: a phone in FR from Google. Only D signed in.
    expect(audienceSchema.parse(await audienceReport(db.pool, RANGE))).toEqual({
      device_type: [{ value: 'desktop', sessions: 3 }, { value: 'mobile', sessions: 1 }],
      country: [{ value: 'DE', sessions: 3 }, { value: 'FR', sessions: 1 }],
      referrer_host: [{ value: '(direct)', sessions: 3 }, { value: 'www.google.com', sessions: 1 }],
      login_state: [{ value: 'anonymous', sessions: 3 }, { value: 'logged_in', sessions: 1 }],
    });
  });
});
