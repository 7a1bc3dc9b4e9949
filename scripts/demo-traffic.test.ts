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
});
