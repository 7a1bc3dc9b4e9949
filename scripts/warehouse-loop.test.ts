import { spawn } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase, type TestDatabase } from '@/lib/warehouse/test-db';
import { storedEvent, tempDir, writeEventFiles } from '@/lib/warehouse/test-fixtures';

let db: TestDatabase;
beforeAll(async () => {
  db = await freshDatabase();
});
afterAll(() => db.close());

describe("npm run dev's warehouse loop", () => {
  it('loads an event stored while it runs within seconds, and stops cleanly on SIGTERM', async () => {
    const root = tempDir();
    const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/warehouse-loop.ts'], {
      cwd: path.resolve('.'),
      env: { ...process.env, DATABASE_URL: db.url, CLICKSTREAM_DATA_DIR: root, WAREHOUSE_LOAD_INTERVAL_SECONDS: '1' },
    });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    try {
      await expect.poll(() => output, { timeout: 15_000 }).toContain('[dev] Warehouse in DATABASE_URL');
      const event = storedEvent();
      writeEventFiles(root, [event], new Date());
      const stored = Date.now();
      await expect
        .poll(async () => (await db.pool.query('SELECT 1 FROM clickstream_events WHERE event_id = $1', [event.event_id])).rowCount, { timeout: 10_000, interval: 100 })
        .toBe(1);
      expect(Date.now() - stored).toBeLessThan(5_000);
      await expect.poll(() => output).toContain('[dev] warehouse: 1 new, 0 duplicate, 0 bad, 1 files read');
    } finally {
      child.kill('SIGTERM');
    }
    expect(await exited).toBe(0);
  }, 30_000);
});
