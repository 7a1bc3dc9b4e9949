import { describe, expect, it } from 'vitest';
import { parseRange, previousRange, rangeBounds } from './range';

const NOW = new Date('2026-12-01T08:30:00.000Z');

describe('parseRange', () => {
  it('defaults to the last 30 days, today included (UTC)', () => {
    expect(parseRange({}, NOW)).toEqual({ ok: true, range: { from: '2026-11-02', to: '2026-12-01' } });
    expect(parseRange({ from: '', to: null }, NOW)).toEqual({ ok: true, range: { from: '2026-11-02', to: '2026-12-01' } });
    expect(parseRange({ to: '2026-03-01' }, NOW)).toEqual({ ok: true, range: { from: '2026-01-31', to: '2026-03-01' } });
  });

  it('accepts one day and 366 days, both ends inclusive', () => {
    expect(parseRange({ from: '2026-11-05', to: '2026-11-05' }, NOW)).toMatchObject({ ok: true });
    expect(parseRange({ from: '2024-01-01', to: '2024-12-31' }, NOW)).toMatchObject({ ok: true });
  });

  it.each([
    [{ from: '2026-11-31' }, /from must be a date as YYYY-MM-DD, got "2026-11-31"/],
    [{ from: 'yesterday' }, /from must be a date/],
    [{ to: '2026-1-5' }, /to must be a date/],
    [{ from: '2026-11-20', to: '2026-11-19' }, /from \(2026-11-20\) is after to \(2026-11-19\)/],
    [{ from: '2025-01-01', to: '2026-01-02' }, /367 days long; at most 366/],
  ])('refuses %o', (query, error) => {
    const result = parseRange(query, NOW);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toMatch(error);
  });
});

describe('previousRange and rangeBounds', () => {
  it('the period before has the same length and ends the day before', () => {
    expect(previousRange({ from: '2026-11-10', to: '2026-11-12' })).toEqual({ from: '2026-11-07', to: '2026-11-09' });
    expect(previousRange({ from: '2026-03-01', to: '2026-03-01' })).toEqual({ from: '2026-02-28', to: '2026-02-28' });
  });

  it('bounds run from the first instant of from to the first instant after to', () => {
    expect(rangeBounds({ from: '2026-11-10', to: '2026-11-12' })).toEqual(['2026-11-10T00:00:00.000Z', '2026-11-13T00:00:00.000Z']);
  });
});
