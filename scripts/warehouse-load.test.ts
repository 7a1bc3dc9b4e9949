import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase, type TestDatabase } from '@/lib/warehouse/test-db';
import { storedEvent, tempDir, writeEventFiles } from '@/lib/warehouse/test-fixtures';

const run = promisify(execFile);
let db: TestDatabase;
beforeAll(async () => {
  db = await freshDatabase();
});
afterAll(() => db.close());

function warehouseLoad(env: Record<string, string>, args: string[] = []) {
  const tsx = path.resolve('node_modules/.bin/tsx');
  return run(tsx, ['scripts/warehouse-load.ts', ...args], { env: { ...process.env, ...env } }).then(
    (done) => ({ code: 0, stdout: done.stdout, stderr: done.stderr }),
    (failed) => ({ code: failed.code as number, stdout: failed.stdout as string, stderr: failed.stderr as string }),
  );
}

describe('npm run warehouse:load', () => {
  it('loads the folder into DATABASE_URL and ends with the contract line', async () => {
    const root = tempDir();
    writeEventFiles(root, [storedEvent(), storedEvent()], new Date(Date.UTC(2026, 10, 20)));
    const first = await warehouseLoad({ DATABASE_URL: db.url, CLICKSTREAM_DATA_DIR: root });
    expect(first.code).toBe(0);
    expect(first.stdout.trim().split('\n').at(-1)).toBe('warehouse: 2 new, 0 duplicate, 0 bad, 2 files read');
    const again = await warehouseLoad({ DATABASE_URL: db.url, CLICKSTREAM_DATA_DIR: root });
    expect(again.stdout.trim().split('\n').at(-1)).toBe('warehouse: 0 new, 0 duplicate, 0 bad, 0 files read');
  }, 30_000);

  it('exits 1 with one line naming the setting when the folder or the database is not there', async () => {
    const noFolder = await warehouseLoad({ DATABASE_URL: db.url, CLICKSTREAM_DATA_DIR: path.join(tempDir(), 'nothing') });
    expect(noFolder.code).toBe(1);
    expect(noFolder.stderr).toMatch(/^warehouse: the event folder .* does not exist .*CLICKSTREAM_DATA_DIR/m);
    const noDatabase = await warehouseLoad({ DATABASE_URL: 'postgres://nobody@127.0.0.1:1/clickstream_dw', CLICKSTREAM_DATA_DIR: tempDir() });
    expect(noDatabase.code).toBe(1);
    expect(noDatabase.stderr).toMatch(/^warehouse: cannot connect to PostgreSQL at 127\.0\.0\.1:1\/clickstream_dw: .*\(check DATABASE_URL\)$/m);
  }, 30_000);

  it('names the files older than its window that it did not read, and reads them with --from', async () => {
    const root = tempDir();
    const env = { DATABASE_URL: db.url, CLICKSTREAM_DATA_DIR: root };
    writeEventFiles(root, [storedEvent()], new Date(Date.UTC(2026, 10, 20)));
    await warehouseLoad(env);
    writeEventFiles(root, [storedEvent(), storedEvent()], new Date(Date.UTC(2026, 9, 2)));
    const missed = await warehouseLoad(env);
    expect(missed.stdout.trim().split('\n')).toEqual([
      'warehouse: 2 files in 1 day before 2026/11/17 (from 2026/10/02) were not read: a load lists only from its checkpoint minus WAREHOUSE_LOOKBACK_DAYS; load them with npm run warehouse:load -- --from 2026-10-02',
      'warehouse: 0 new, 0 duplicate, 0 bad, 0 files read',
    ]);
    const loaded = await warehouseLoad(env, ['--from', '2026-10-02']);
    expect(loaded.stdout.trim()).toBe('warehouse: 2 new, 0 duplicate, 0 bad, 2 files read');

    writeEventFiles(root, [storedEvent()], new Date(Date.UTC(2025, 0, 1)));
    expect((await warehouseLoad(env, ['--all'])).stdout.trim()).toBe('warehouse: 1 new, 0 duplicate, 0 bad, 1 files read');

    for (const day of ['2026-02-30', '2026-13-01', '20261001']) {
      const wrong = await warehouseLoad(env, ['--from', day]);
      expect(wrong.code).toBe(1);
      expect(wrong.stderr.trim()).toBe(`warehouse: --from must be a day as YYYY-MM-DD, got "${day}"`);
    }
    const unknown = await warehouseLoad(env, ['--since', 'x']);
    expect(unknown.stderr.trim()).toMatch(/^warehouse: Unknown option '--since'.*\(the options are --from YYYY-MM-DD and --all\)$/);
  }, 60_000);
});
