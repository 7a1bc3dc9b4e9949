import { execFile } from 'node:child_process';
import fs from 'node:fs';
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

function command(script: string, args: string[], env: Record<string, string>) {
  const tsx = path.resolve('node_modules/.bin/tsx');
  return run(tsx, [script, ...args], { env: { ...process.env, ...env } }).then(
    (done) => ({ code: 0, stdout: done.stdout, stderr: done.stderr }),
    (failed) => ({ code: failed.code as number, stdout: failed.stdout as string, stderr: failed.stderr as string }),
  );
}

const eventFiles = (root: string) => fs.readdirSync(path.join(root, 'events'), { recursive: true, withFileTypes: true }).filter((entry) => entry.isFile()).length;
const lastLine = (output: string) => output.trim().split('\n').at(-1);

describe('npm run demo:traffic, then npm run warehouse:load', () => {
  it('loads every demo event although a load has already set the checkpoint to today', async () => {
    // The trial: `npm run dev` has run once, so the warehouse's checkpoint is today.
    const root = tempDir();
    const env = { DATABASE_URL: db.url, CLICKSTREAM_DATA_DIR: root };
    writeEventFiles(root, [storedEvent()], new Date());
    expect(lastLine((await command('scripts/warehouse-load.ts', [], env)).stdout)).toBe('warehouse: 1 new, 0 duplicate, 0 bad, 1 files read');

    const demo = await command('scripts/demo-traffic.ts', ['--events', '1500', '--days', '90', '--seed', '3'], env);
    expect(demo.code, demo.stderr).toBe(0);
    expect(demo.stdout).toMatch(/^demo traffic: the warehouse's next load reads from \d{4}\/\d{2}\/\d{2} \(it had read up to \d{4}\/\d{2}\/\d{2}\)$/m);
    const written = eventFiles(root) - 1;
    expect(written).toBe(1500);
    const days = fs.readdirSync(path.join(root, 'events'), { recursive: true }).filter((name) => /^\d{4}\/\d{2}\/\d{2}$/.test(String(name)));
    expect(days.length).toBeGreaterThan(60);

    const load = await command('scripts/warehouse-load.ts', [], env);
    expect(load.code, load.stderr).toBe(0);
    expect(lastLine(load.stdout)).toBe(`warehouse: ${written} new, 0 duplicate, 0 bad, ${written} files read`);
    expect(load.stdout).not.toMatch(/not read/);
  }, 60_000);

  it('says how to load what it wrote when the warehouse cannot be reached, and leaves a warehouse that does not read --dir alone', async () => {
    const root = tempDir();
    const unreachable = { DATABASE_URL: 'postgres://nobody@127.0.0.1:1/clickstream_dw', CLICKSTREAM_DATA_DIR: root };
    const failed = await command('scripts/demo-traffic.ts', ['--events', '50', '--days', '5', '--seed', '1'], unreachable);
    expect(failed.code).toBe(1);
    expect(failed.stderr.trim()).toMatch(/^demo traffic: the warehouse could not be told to read these days \(cannot connect to PostgreSQL at 127\.0\.0\.1:1.*\): load them with npm run warehouse:load -- --from \d{4}-\d{2}-\d{2}$/);
    expect(eventFiles(root)).toBe(50);

    const elsewhere = tempDir();
    const other = await command('scripts/demo-traffic.ts', ['--events', '50', '--days', '5', '--seed', '1', '--dir', elsewhere], unreachable);
    expect(other.code, other.stderr).toBe(0);
    expect(lastLine(other.stdout)).toMatch(/^demo traffic: 50 events in \d+ sessions over 5 days \(seed 1\) written to /);
    expect(eventFiles(elsewhere)).toBe(50);
  }, 60_000);
});
