// The ranges the picker offers, in whole UTC days as the API reads them, and the range in the page's URL.
import { parseRange } from '@/lib/insights/range';

export type Range = { from: string; to: string };
export const PRESETS = [7, 30, 90] as const;
export { previousRange } from '@/lib/insights/range';

const DAY_MS = 86_400_000;
const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** The last `days` days, today (UTC) included. */
export function lastDays(days: number, now = Date.now()): Range {
  return { from: day(now - (days - 1) * DAY_MS), to: day(now) };
}

export const rangeLength = ({ from, to }: Range) => Math.round((Date.parse(to) - Date.parse(from)) / DAY_MS) + 1;

/** `?from=&to=` of a shared or reloaded view, checked as the API checks it; anything else is the last 30 days. */
export function rangeFromSearch(search: string): Range {
  const query = new URLSearchParams(search);
  if (!query.has('from') && !query.has('to')) return lastDays(30);
  const parsed = parseRange({ from: query.get('from'), to: query.get('to') });
  return parsed.ok ? parsed.range : lastDays(30);
}
