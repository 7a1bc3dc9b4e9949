// The reporting range: whole UTC days, both ends inclusive, as the insights contract defines it.
export type DateRange = { from: string; to: string };
export type RangeResult = { ok: true; range: DateRange } | { ok: false; error: string };

export const DEFAULT_DAYS = 30;
export const MAX_DAYS = 366;
const DAY_MS = 86_400_000;

const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** Milliseconds at the start of a YYYY-MM-DD day (UTC), or null unless it is a real calendar day. */
function parseDay(value: string): number | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return null;
  const ms = Date.parse(`${value}T00:00:00.000Z`);
  return Number.isNaN(ms) || day(ms) !== value ? null : ms;
}

/**
 * Reads `from` and `to` (YYYY-MM-DD). Missing `to` is today (UTC); missing `from` is the day that
 * makes the range 30 days long. Errors name the parameter and why.
 */
export function parseRange(query: { from?: string | null; to?: string | null }, now = new Date()): RangeResult {
  const fromText = query.from?.trim() || null;
  const toText = query.to?.trim() || null;
  const to = toText === null ? parseDay(day(now.getTime())) : parseDay(toText);
  if (to === null) return { ok: false, error: `to must be a date as YYYY-MM-DD, got "${toText}"` };
  const from = fromText === null ? to - (DEFAULT_DAYS - 1) * DAY_MS : parseDay(fromText);
  if (from === null) return { ok: false, error: `from must be a date as YYYY-MM-DD, got "${fromText}"` };
  if (from > to) return { ok: false, error: `from (${day(from)}) is after to (${day(to)})` };
  const days = (to - from) / DAY_MS + 1;
  if (days > MAX_DAYS) return { ok: false, error: `the range is ${days} days long; at most ${MAX_DAYS} are allowed` };
  return { ok: true, range: { from: day(from), to: day(to) } };
}

export function rangeDays({ from, to }: DateRange): number {
  return (Date.parse(to) - Date.parse(from)) / DAY_MS + 1;
}

/** The range of equal length that ends the day before `range` starts. */
export function previousRange(range: DateRange): DateRange {
  const start = Date.parse(range.from);
  return { from: day(start - rangeDays(range) * DAY_MS), to: day(start - DAY_MS) };
}

/** `[$1, $2)` for the queries: the first instant of `from` and the first instant after `to`. */
export function rangeBounds({ from, to }: DateRange): [string, string] {
  return [`${from}T00:00:00.000Z`, new Date(Date.parse(to) + DAY_MS).toISOString()];
}
