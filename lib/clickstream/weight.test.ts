import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

describe('tracker weight', () => {
  it('stays under 4 KB gzip, without zod, as `npm run bench:tracker` measures it', () => {
    const out = execFileSync(process.execPath, ['scripts/bench-tracker.mjs'], { encoding: 'utf8' });
    const gzip = Number(/tracker gzip bytes: (\d+)/.exec(out)?.[1]);
    expect(gzip).toBeGreaterThan(1000);
    expect(gzip).toBeLessThan(4096);
    expect(out).toContain('tracker ships zod: no');
  }, 30_000);
});
