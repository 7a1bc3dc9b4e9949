import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventKey } from '../ingest/layout';
import { PRODUCT } from '../ingest/test-fixtures';
import { FolderSource } from './folder-source';
import { formatLoadResult, formatUnlisted, reopenDays, runLoad } from './load';
import { STORED_FIELDS } from './row';
import { SourceError } from './source';
import { countingSource, loadDeps, storedEvent, tempDir, TEST_LOAD_OPTIONS, writeEventFiles, writeRawFile } from './test-fixtures';
import { freshDatabase, type TestDatabase } from './test-db';

let db: TestDatabase;
beforeAll(async () => {
  db = await freshDatabase();
});
afterAll(() => db.close());

const day = (date: number) => new Date(Date.UTC(2026, 10, date, 12));
const count = async (sql: string, params: unknown[] = []) => (await db.pool.query<{ n: number }>(sql, params)).rows[0].n;

// Each test has its own folder, hence its own source and checkpoint, in the shared database.
function folder() {
  const root = tempDir();
  return { root, source: countingSource(new FolderSource(root)) };
}
const load = (source: ReturnType<typeof folder>['source'], options = {}) => runLoad(loadDeps(db.pool, source), { ...TEST_LOAD_OPTIONS, ...options });

describe('runLoad columns', () => {
  it('puts every stored-event field in its column, keeps nulls null and derives the cart columns', async () => {
    const { root, source } = folder();
    const cart = { items: [{ product_id: 'aurora-ring', quantity: 2, unit_price: 1290.5 }, { product_id: 'luna-studs', quantity: 1, unit_price: 80 }], item_count: 3, value: 2661, currency: 'USD' };
    const checkout = storedEvent({ event_name: 'checkout_complete', cart, order_id: 'LM-1', user_id: 'sub-1', user_login_state: 'logged_in', identity_source: 'cognito', identity_verified: true });
    const product = storedEvent({ event_name: 'add_to_cart', ...PRODUCT, context_product_discount_price: 999.99, quantity: 2, referrer: 'https://search.example/?q=ring\ttab' });
    writeEventFiles(root, [checkout, product], day(20));
    expect(await load(source)).toMatchObject({ new: 2, duplicate: 0, bad: 0, filesRead: 2 });

    const { rows } = await db.pool.query('SELECT *, cart_value::float8 AS cart_value_n FROM clickstream_events WHERE event_id = ANY($1) ORDER BY event_name', [[product.event_id, checkout.event_id]]);
    const expected = [product, checkout];
    rows.forEach((row, index) => {
      const event = expected[index];
      for (const field of STORED_FIELDS) {
        const value = row[field];
        const want = event[field];
        if (value instanceof Date) expect(value.toISOString(), field).toBe(new Date(want as string).toISOString());
        else if (field.endsWith('price')) expect(value === null ? null : Number(value), field).toBe(want);
        else expect(value, field).toEqual(want);
      }
      expect(row.source_key).toBe(eventKey(event.event_id, day(20)));
      expect(row.loaded_at).toBeInstanceOf(Date);
    });
    expect(rows[0]).toMatchObject({ cart: null, cart_value: null, cart_item_count: null, order_id: null, search_term: null });
    expect(rows[1]).toMatchObject({ cart_value_n: 2661, cart_item_count: 3, context_product_id: null });
  });

  it('has the workshop table\'s 16 columns first, with their types (money as NUMERIC(12,2))', async () => {
    const { rows } = await db.pool.query(
      `SELECT column_name, format_type(atttypid, atttypmod) AS type FROM information_schema.columns c
       JOIN pg_attribute a ON a.attrelid = 'clickstream_events'::regclass AND a.attname = c.column_name
       WHERE c.table_name = 'clickstream_events' ORDER BY c.ordinal_position LIMIT 16`,
    );
    const text = (name: string) => [name, 'text'];
    expect(rows.map((row) => [row.column_name, row.type])).toEqual([
      ['event_id', 'uuid'], ['event_timestamp', 'timestamp with time zone'], text('event_name'), text('user_id'),
      text('user_login_state'), text('identity_source'), text('client_id'), text('session_id'), ['is_first_visit', 'boolean'],
      text('context_product_id'), text('context_product_name'), text('context_product_category'), text('context_product_brand'),
      ['context_product_price', 'numeric(12,2)'], ['context_product_discount_price', 'numeric(12,2)'], text('context_product_url_path'),
    ]);
  });
});

describe('runLoad exactly once', () => {
  it('loads each event_id once across days, within one batch and over reruns, and counts the rest as duplicates', async () => {
    const { root, source } = folder();
    const [a, b, c] = [storedEvent(), storedEvent(), storedEvent()];
    writeEventFiles(root, [a, b], day(20));
    // A retry stored again on the next day, and a copy of c under a second name on the same day.
    writeEventFiles(root, [a, c], day(21));
    writeRawFile(root, eventKey(c.event_id, day(21)).replace('.json', '-copy.json'), JSON.stringify(c));
    const first = await load(source);
    expect(first).toMatchObject({ new: 3, duplicate: 2, bad: 0, filesRead: 5 });
    expect(formatLoadResult(first)).toBe('warehouse: 3 new, 2 duplicate, 0 bad, 5 files read');
    expect(await count('SELECT count(*)::int AS n FROM clickstream_events WHERE event_id = ANY($1)', [[a.event_id, b.event_id, c.event_id]])).toBe(3);

    const readsBefore = source.reads;
    expect(await load(source)).toMatchObject({ new: 0, duplicate: 0, bad: 0, filesRead: 0 });
    expect(source.reads - readsBefore).toBe(0);

    // A later retry of b, beside a new event in the same batch: b adds nothing, d is loaded.
    const d = storedEvent();
    writeEventFiles(root, [b, d], day(22));
    expect(await load(source)).toMatchObject({ new: 1, duplicate: 1, bad: 0, filesRead: 2 });
    expect(await count('SELECT count(*)::int AS n FROM clickstream_events WHERE event_id = ANY($1)', [[b.event_id, d.event_id]])).toBe(2);
  });

  it('after a run that fails half way, a rerun loads exactly the rest', async () => {
    const { root, source } = folder();
    const events = Array.from({ length: 60 }, () => storedEvent());
    writeEventFiles(root, events.slice(0, 30), day(20));
    writeEventFiles(root, events.slice(30), day(21));
    // The store goes away after 35 reads: what was read by then is committed, nothing else is.
    let reads = 0;
    const failing = { ...source, read: (key: string) => (++reads > 35 ? Promise.reject(new SourceError('gone', 'CLICKSTREAM_DATA_DIR')) : source.read(key)) };
    await expect(load(failing, { batchSize: 10, commitEvery: 10, concurrency: 2 })).rejects.toThrow('gone');
    const committed = await count('SELECT count(*)::int AS n FROM clickstream_events WHERE event_id = ANY($1)', [events.map((e) => e.event_id)]);
    expect(committed).toBe(35);

    const rerun = await load(source);
    expect(rerun).toMatchObject({ new: 60 - committed, duplicate: 0, bad: 0 });
    expect(await count('SELECT count(*)::int AS n FROM clickstream_events WHERE event_id = ANY($1)', [events.map((e) => e.event_id)])).toBe(60);
  });

  it('after a run whose database connection dies half way, a rerun loads exactly the rest', async () => {
    const { root, source } = folder();
    const events = Array.from({ length: 60 }, () => storedEvent());
    writeEventFiles(root, events, day(23));
    // As when the loader's process is killed: PostgreSQL drops its connection and rolls back the open transaction.
    let reads = 0;
    const killing = {
      ...source,
      read: async (key: string) => {
        if (++reads === 40) {
          // The loader's connection is the one holding the load lock in this test's database (other test files load too).
          await db.pool.query(`SELECT pg_terminate_backend(l.pid) FROM pg_locks l JOIN pg_database d ON d.oid = l.database
            WHERE l.locktype = 'advisory' AND l.objid = 7301002 AND l.granted AND d.datname = current_database()`);
        }
        return source.read(key);
      },
    };
    await expect(load(killing, { batchSize: 10, commitEvery: 10, concurrency: 2 })).rejects.toThrow();
    const committed = await count('SELECT count(*)::int AS n FROM clickstream_events WHERE event_id = ANY($1)', [events.map((e) => e.event_id)]);
    expect(committed).toBeLessThan(40);

    expect(await load(source)).toMatchObject({ new: 60 - committed, duplicate: 0, bad: 0, filesRead: 60 - committed });
    expect(await count('SELECT count(*)::int AS n FROM clickstream_events WHERE event_id = ANY($1)', [events.map((e) => e.event_id)])).toBe(60);
  });

  it('two loaders started at once load every event once, without an error', async () => {
    const { root, source } = folder();
    const events = Array.from({ length: 120 }, () => storedEvent());
    writeEventFiles(root, events, day(22));
    const [one, two] = await Promise.all([load(source), load(countingSource(new FolderSource(root)))]);
    expect(one.new + two.new).toBe(120);
    expect(one.filesRead + two.filesRead).toBe(120);
    expect(one.duplicate + two.duplicate).toBe(0);
    expect(await count('SELECT count(*)::int AS n FROM clickstream_events WHERE event_id = ANY($1)', [events.map((e) => e.event_id)])).toBe(120);
  });
});

describe('runLoad bad files', () => {
  it('records each bad file with its reason, loads its good neighbours and never reads it again', async () => {
    const { root, source } = folder();
    const good = [storedEvent(), storedEvent()];
    const keys = writeEventFiles(root, good, day(20));
    const prefix = path.dirname(keys[0]);
    const bad = {
      empty: writeRawFile(root, `${prefix}/event-empty.json`, ''),
      notJson: writeRawFile(root, `${prefix}/event-not-json.json`, 'hello'),
      truncated: writeRawFile(root, `${prefix}/event-truncated.json`, JSON.stringify(storedEvent()).slice(0, 80)),
      schema: writeRawFile(root, `${prefix}/event-schema.json`, JSON.stringify({ ...storedEvent(), event_name: 'teleport' })),
      // Valid for the schema, refused by PostgreSQL: text may not hold a NUL character.
      refused: writeRawFile(root, `${prefix}/event-refused.json`, JSON.stringify(storedEvent({ page_title: 'Rings\u0000' }))),
      directory: `${prefix}/event-directory.json`,
    };
    fs.mkdirSync(path.join(root, bad.directory));
    // Not events: the sink's temporary files and foreign names are not even read.
    writeRawFile(root, `${prefix}/.tmp-${randomUUID()}`, '{');
    writeRawFile(root, `${prefix}/notes.txt`, 'x');

    expect(await load(source)).toMatchObject({ new: 2, duplicate: 0, bad: 6, filesRead: 8 });
    expect(source.reads).toBe(8);
    const { rows } = await db.pool.query('SELECT source_key, error FROM clickstream_load_errors WHERE source_key = ANY($1)', [Object.values(bad)]);
    const reasons = Object.fromEntries(rows.map((row) => [row.source_key, row.error]));
    expect(reasons[bad.empty]).toBe('empty file');
    expect(reasons[bad.notJson]).toMatch(/^not valid JSON/);
    expect(reasons[bad.truncated]).toMatch(/^not valid JSON/);
    expect(reasons[bad.schema]).toMatch(/^not a valid stored event: event_name: /);
    expect(reasons[bad.refused]).toMatch(/^PostgreSQL refused a value: /);
    expect(reasons[bad.directory]).toBe('is a directory, not a file');
    expect(await count('SELECT count(*)::int AS n FROM clickstream_events WHERE event_id = ANY($1)', [good.map((e) => e.event_id)])).toBe(2);

    expect(await load(source)).toMatchObject({ bad: 0, filesRead: 0 });
    expect(source.reads).toBe(8);
  });

  it('names the setting when the folder does not exist', async () => {
    const source = new FolderSource(path.join(tempDir(), 'missing'));
    await expect(load(countingSource(source))).rejects.toMatchObject({ name: 'SourceError', setting: 'CLICKSTREAM_DATA_DIR' });
  });
});

describe('runLoad incremental', () => {
  it('picks up late files in earlier days within the lookback, and reads no body when nothing is new', async () => {
    const { root, source } = folder();
    writeEventFiles(root, [storedEvent()], day(10));
    writeEventFiles(root, [storedEvent(), storedEvent()], day(18));
    writeEventFiles(root, [storedEvent()], day(20));
    expect(await load(source)).toMatchObject({ new: 4, filesRead: 4 });

    // Late arrivals: day 18 is within 3 days of the checkpoint (day 20), day 10 is not.
    const late = storedEvent();
    writeEventFiles(root, [late], day(18));
    const tooLate = storedEvent();
    writeEventFiles(root, [tooLate], day(10));
    const readsBefore = source.reads;
    expect(await load(source)).toMatchObject({ new: 1, filesRead: 1 });
    expect(source.reads - readsBefore).toBe(1);
    expect(await count('SELECT count(*)::int AS n FROM clickstream_events WHERE event_id = $1', [late.event_id])).toBe(1);
    expect(await count('SELECT count(*)::int AS n FROM clickstream_events WHERE event_id = $1', [tooLate.event_id])).toBe(0);

    // A wider window reaches it.
    expect(await load(source, { lookbackDays: 10 })).toMatchObject({ new: 1, filesRead: 1 });
    expect(await load(source)).toMatchObject({ new: 0, filesRead: 0 });
    expect(source.reads - readsBefore).toBe(2);
  });

  it('says which days older than its window hold files no load has read, and loads them from a given day', async () => {
    const { root, source } = folder();
    writeEventFiles(root, [storedEvent()], day(12));
    writeEventFiles(root, [storedEvent()], day(20));
    expect(await load(source)).toMatchObject({ new: 2, unlisted: null });

    // As demo traffic leaves it: whole days written after the loads went past them.
    writeEventFiles(root, [storedEvent(), storedEvent()], day(3));
    writeEventFiles(root, [storedEvent()], day(8));
    // A late file in a day read before is not seen without a listing (only whole unread days are).
    writeEventFiles(root, [storedEvent()], day(12));
    const readsBefore = source.reads;
    const missed = await load(source);
    expect(missed).toMatchObject({ new: 0, filesRead: 0, unlisted: { before: '2026/11/17', days: 2, files: 3, oldest: '2026/11/03' } });
    expect(source.reads - readsBefore).toBe(0);
    expect(formatUnlisted(missed.unlisted!)).toBe(
      'warehouse: 3 files in 2 days before 2026/11/17 (from 2026/11/03) were not read: a load lists only from its checkpoint minus WAREHOUSE_LOOKBACK_DAYS',
    );

    expect(await load(source, { from: '2026/11/03' })).toMatchObject({ new: 4, filesRead: 4, unlisted: null });
    expect(await load(source)).toMatchObject({ new: 0, filesRead: 0, unlisted: null });
  });

  it('lists from the earliest day demo traffic wrote after reopenDays, with no warning', async () => {
    const { root, source } = folder();
    writeEventFiles(root, [storedEvent()], day(20));
    expect(await load(source)).toMatchObject({ new: 1 });
    writeEventFiles(root, [storedEvent()], day(12));
    writeEventFiles(root, [storedEvent()], day(16));
    expect(await reopenDays(db.pool, source.id, '2026/11/12')).toBe('2026/11/20');
    // Never forward, and a source without a checkpoint has nothing to move.
    expect(await reopenDays(db.pool, source.id, '2026/11/14')).toBeNull();
    expect(await reopenDays(db.pool, 'file:///nowhere', '2026/11/01')).toBeNull();
    expect(await load(source)).toMatchObject({ new: 2, unlisted: null });
    // The load moved the checkpoint forward again (to day 16): the next one lists the usual window only.
    writeEventFiles(root, [storedEvent()], day(11));
    expect(await load(source)).toMatchObject({ new: 0, unlisted: { days: 1, files: 1, oldest: '2026/11/11' } });
  });
});
