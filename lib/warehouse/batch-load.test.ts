import fs from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FolderSource } from './folder-source';
import { formatLoadResult, runLoad } from './load';
import { SourceError } from './source';
import { batchKey, countingSource, loadDeps, storedEvent, tempDir, TEST_LOAD_OPTIONS, writeBatchObject, writeEventFiles, writeRawFile } from './test-fixtures';
import { freshDatabase, type TestDatabase } from './test-db';

let db: TestDatabase;
beforeAll(async () => {
  db = await freshDatabase();
});
afterAll(() => db.close());

const day = (date: number) => new Date(Date.UTC(2026, 10, date, 12));
const rowsOf = async (ids: string[]) =>
  (await db.pool.query<{ event_id: string; source_key: string }>('SELECT event_id::text, source_key FROM clickstream_events WHERE event_id = ANY($1) ORDER BY source_key', [ids])).rows;
const errorsOf = async (key: string) =>
  (await db.pool.query<{ line: number | null; error: string }>('SELECT line, error FROM clickstream_load_errors WHERE source_key = $1 ORDER BY line NULLS FIRST', [key])).rows;

function folder() {
  const root = tempDir();
  return { root, source: countingSource(new FolderSource(root)) };
}
const load = (source: ReturnType<typeof folder>['source'], options = {}) => runLoad(loadDeps(db.pool, source), { ...TEST_LOAD_OPTIONS, ...options });

describe('runLoad on batched objects', () => {
  it('loads gzip and plain NDJSON objects beside per-event files, telling gzip by its bytes, and reads none again', async () => {
    const { root, source } = folder();
    const [gzipped, plain, misnamed, single] = [3, 2, 2, 1].map((n) => Array.from({ length: n }, () => storedEvent()));
    const keys = {
      gzipped: writeBatchObject(root, batchKey(day(20), 'clickstream-1-2026-11-20-12-00-00-a1'), gzipped),
      plain: writeBatchObject(root, batchKey(day(20), 'local-20261120T120000-b2', '.json'), plain, { gzip: false }),
      // Firehose set to GZIP with a custom extension: gzip bytes under a plain name.
      misnamed: writeBatchObject(root, batchKey(day(20), 'custom-extension', '.json'), misnamed),
    };
    writeEventFiles(root, single, day(20));
    // Not ours: a staging file of the delivery worker and a name outside the layout.
    writeRawFile(root, batchKey(day(20), 'x', '.json.gz.tmp'), 'partial');
    writeRawFile(root, batchKey(day(20), 'a b', '.json'), '{}');

    const result = await load(source);
    expect(result).toMatchObject({ new: 8, duplicate: 0, bad: 0, filesRead: 4 });
    expect(formatLoadResult(result)).toBe('warehouse: 8 new, 0 duplicate, 0 bad, 4 files read');
    const rows = await rowsOf([...gzipped, ...plain, ...misnamed].map((event) => event.event_id));
    const keyOf = Object.fromEntries(rows.map((row) => [row.event_id, row.source_key]));
    gzipped.forEach((event) => expect(keyOf[event.event_id]).toBe(keys.gzipped));
    plain.forEach((event) => expect(keyOf[event.event_id]).toBe(keys.plain));
    misnamed.forEach((event) => expect(keyOf[event.event_id]).toBe(keys.misnamed));

    expect(await load(source)).toMatchObject({ new: 0, filesRead: 0 });
    expect(source.reads).toBe(4);
  });

  it('records each bad line with its object key and line number, loads the lines around it, and refuses an empty object whole', async () => {
    const { root, source } = folder();
    const good = [storedEvent(), storedEvent(), storedEvent()];
    const key = writeBatchObject(root, batchKey(day(21), 'mixed'), [
      good[0],
      'not json',
      JSON.stringify({ ...storedEvent(), event_name: 'teleport' }),
      '', // a blank line is not an event, and not bad
      good[1],
      // Valid for the schema, refused by PostgreSQL: text may not hold a NUL character.
      storedEvent({ page_title: 'Rings\u0000' }),
      `${JSON.stringify(good[2])}\r`, // written on Windows
    ]);

    const empty = writeRawFile(root, batchKey(day(21), 'empty'), '');
    const blank = writeBatchObject(root, batchKey(day(21), 'blank', '.json'), ['', ''], { gzip: false });
    const directory = batchKey(day(21), 'directory');
    fs.mkdirSync(path.join(root, directory));

    expect(await load(source)).toMatchObject({ new: 3, duplicate: 0, bad: 5, filesRead: 4 });
    expect((await rowsOf(good.map((event) => event.event_id))).length).toBe(3);
    const errors = await errorsOf(key);
    expect(errors.map((row) => row.line)).toEqual([2, 3, 6]);
    expect(errors[0].error).toMatch(/^not valid JSON/);
    expect(errors[1].error).toMatch(/^not a valid stored event: event_name: /);
    expect(errors[2].error).toMatch(/^PostgreSQL refused a value: /);
    expect(await errorsOf(empty)).toEqual([{ line: null, error: 'empty object' }]);
    expect(await errorsOf(blank)).toEqual([]);
    expect(await errorsOf(directory)).toEqual([{ line: null, error: 'is a directory, not a file' }]);
    expect(await load(source)).toMatchObject({ bad: 0, filesRead: 0 });
  });

  it('loads an object delivered twice under two keys once: the second copy counts as duplicates', async () => {
    const { root, source } = folder();
    const events = Array.from({ length: 5 }, () => storedEvent());
    // At-least-once delivery: a retried batch lands again, in one load and in a later one.
    const first = writeBatchObject(root, batchKey(day(22), 'stream-1-2026-11-22-10-00-00-first'), events);
    writeBatchObject(root, batchKey(day(22), 'stream-1-2026-11-22-10-00-00-retry'), events);
    expect(await load(source)).toMatchObject({ new: 5, duplicate: 5, bad: 0, filesRead: 2 });

    writeBatchObject(root, batchKey(day(22), 'stream-1-2026-11-22-10-05-00-late'), [...events.slice(0, 2), storedEvent()]);
    expect(await load(source)).toMatchObject({ new: 1, duplicate: 2, bad: 0, filesRead: 1 });
    const rows = await rowsOf(events.map((event) => event.event_id));
    expect(rows).toHaveLength(5);
    expect(new Set(rows.map((row) => row.source_key))).toEqual(new Set([first]));
  });

  it('loads the lines of a gzip object cut short up to the cut, records the object bad, and does not read it again', async () => {
    const { root, source } = folder();
    const events = Array.from({ length: 400 }, (_, index) => storedEvent({ page_title: `Page ${index} ${'x'.repeat(index % 7)}` }));
    const whole = gzipSync(events.map((event) => JSON.stringify(event) + '\n').join(''));
    const key = writeRawFile(root, batchKey(day(23), 'cut'), whole.subarray(0, Math.floor(whole.length / 2)));

    const result = await load(source);
    const loaded = (await rowsOf(events.map((event) => event.event_id))).length;
    expect(loaded).toBeGreaterThan(100);
    expect(loaded).toBeLessThan(400);
    expect(result).toMatchObject({ new: loaded, bad: 1, filesRead: 1 });
    // The lines loaded are the first ones, in order: nothing after the cut.
    const ids = new Set((await rowsOf(events.map((event) => event.event_id))).map((row) => row.event_id));
    expect(events.map((event) => ids.has(event.event_id))).toEqual(events.map((_, index) => index < loaded));
    expect(await errorsOf(key)).toEqual([{ line: null, error: `gzip data cut short or corrupt after line ${loaded}: unexpected end of file` }]);
    expect(await load(source)).toMatchObject({ new: 0, bad: 0, filesRead: 0 });
  });

  it('reads at most 4 batched objects at once, whatever the concurrency, and every one of them', async () => {
    const { root, source } = folder();
    const objects = Array.from({ length: 12 }, () => Array.from({ length: 30 }, () => storedEvent()));
    objects.forEach((events, index) => writeBatchObject(root, batchKey(day(25), `at-once-${index}`), events));
    let open = 0;
    let most = 0;
    const watched = {
      ...source,
      stream: async function* (key: string) {
        most = Math.max(most, ++open);
        try {
          yield* source.stream(key);
        } finally {
          open -= 1;
        }
      },
    };
    expect(await load(watched, { concurrency: 64 })).toMatchObject({ new: 360, filesRead: 12 });
    expect(most).toBeGreaterThan(1);
    expect(most).toBeLessThanOrEqual(4);
  });

  it('after a run whose store fails in the middle of a big object, a rerun loads the rest of it exactly once', async () => {
    const { root, source } = folder();
    const events = Array.from({ length: 1200 }, () => storedEvent());
    writeBatchObject(root, batchKey(day(24), 'big'), events, { gzip: false });
    // The object spans several COPY batches and transactions; the folder fails after 5 chunks of it.
    const failing = {
      ...source,
      stream: async function* (key: string) {
        let chunks = 0;
        for await (const chunk of source.stream(key)) {
          if (++chunks > 5) throw new SourceError('gone', 'CLICKSTREAM_DATA_DIR');
          yield chunk;
        }
      },
    };
    await expect(load(failing, { batchSize: 50, commitEvery: 100 })).rejects.toThrow('gone');
    const committed = (await rowsOf(events.map((event) => event.event_id))).length;
    expect(committed).toBeGreaterThan(0);
    expect(committed).toBeLessThan(1200);

    expect(await load(source)).toMatchObject({ new: 1200 - committed, duplicate: committed, bad: 0, filesRead: 1 });
    expect((await rowsOf(events.map((event) => event.event_id))).length).toBe(1200);
  });
});
