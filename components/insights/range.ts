// The ranges the picker offers, in whole UTC days as the API reads them.
export type Range = { from: string; to: string };
export const PRESETS = [7, 30, 90] as const;

const DAY_MS = 86_400_000;
const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** The last `days` days, today (UTC) included. */
export function lastDays(days: number, now = Date.now()): Range {
  return { from: day(now - (days - 1) * DAY_MS), to: day(now) };
}

export const rangeLength = ({ from, to }: Range) => Math.round((Date.parse(to) - Date.parse(from)) / DAY_MS) + 1;
