import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase, type TestDatabase } from '../warehouse/test-db';
import { searchesReport, searchesSchema } from './searches';
import { RANGE, loadStore } from './test-fixtures';

let db: TestDatabase;
beforeAll(async () => {
  db = await freshDatabase();
});
afterAll(() => db.close());

describe('searches', () => {
  it('is an empty list for an empty warehouse', async () => {
    expect(searchesSchema.parse(await searchesReport(db.pool, RANGE))).toEqual({ searches: [] });
  });

  it('groups terms lower-cased and trimmed, and counts the searches that found nothing', async () => {
    await loadStore(db.pool);
    expect(searchesSchema.parse(await searchesReport(db.pool, RANGE))).toEqual({
      // B searched "Rings " and "rings" (3 results each); C searched " Opal " and found nothing.
      searches: [
        { term: 'rings', searches: 2, zero_results: 0 },
        { term: 'opal', searches: 1, zero_results: 1 },
      ],
    });
  });
});
