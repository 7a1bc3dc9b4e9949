// Weekly cohorts of new shoppers and whether they come back and buy again. A shopper is the
// stitched one of the warehouse (the user where known, else the browser), so a guest who signs in
// later is one shopper with one first visit. Weeks start on Monday, UTC.
import { z } from 'zod';
import { count, ratio, share } from './numbers';
import type { DateRange } from './range';
import { STARTED_IN_RANGE, queryRange, type Db } from './sessions-in-range';

export const returningSchema = z.strictObject({
  cohorts: z.array(z.strictObject({ week_start: z.iso.date(), shoppers: count, returned: z.array(count) })),
  shoppers: count,
  returning_shoppers: count,
  returning_share: share,
  buyers: count,
  repeat_buyers: count,
  repeat_buyer_share: share,
});
export type ReturningReport = z.infer<typeof returningSchema>;

// A cohort takes the shoppers whose first session ever started in the range (so in a range that
// starts mid-week, its first week from the range's first day); their sessions count up to the
// range's end. weeks_after 0 is the cohort itself; a buyer has a session with an order, a repeat
// buyer two or more such sessions.
// A shopper whose first session is in the range has all of the sessions that count in it too, so
// the query reads the range's sessions (an index-only scan, migration 0013) and leaves out the
// shoppers seen before it. Each shopper's weeks come back as a bit mask (bit k: a session in the
// range's week k), which one hash aggregation computes without sorting; shoppers with the same mask
// and order count are then one row, and the grid is spread out here. The shopper key compares
// byte-wise (COLLATE "C"): it is only grouped, never shown in order. A range spans at most 54
// weeks, within a bigint.
const RETURNING = `
WITH in_range AS (
  SELECT coalesce('user:' || user_id, 'client:' || client_id) COLLATE "C" AS shopper, started_at, orders
  FROM clickstream_sessions WHERE ${STARTED_IN_RANGE}
), earlier AS (
  SELECT coalesce('user:' || user_id, 'client:' || client_id) COLLATE "C" AS shopper
  FROM clickstream_sessions WHERE started_at < $1::timestamptz
), per_shopper AS (
  SELECT bit_or(1::bigint << ((date_trunc('week', started_at AT TIME ZONE 'UTC')::date
      - date_trunc('week', $1::timestamptz AT TIME ZONE 'UTC')::date) / 7)) AS weeks,
    least(count(*) FILTER (WHERE orders > 0), 2) AS ordering_sessions
  FROM in_range r WHERE NOT EXISTS (SELECT 1 FROM earlier e WHERE e.shopper = r.shopper)
  GROUP BY shopper
)
SELECT weeks::text AS weeks, ordering_sessions::int, count(*)::int AS shoppers FROM per_shopper GROUP BY 1, 2`;

/** Shoppers with the same weeks in the range (`weeks`, a bit mask as text) and 0, 1 or 2+ sessions with an order. */
type Row = { weeks: string; ordering_sessions: number; shoppers: number };

const WEEK_MS = 7 * 86_400_000;

/** The Monday (UTC) of the week that holds `day` (YYYY-MM-DD), in milliseconds. */
export function weekStart(day: string): number {
  const ms = Date.parse(`${day}T00:00:00.000Z`);
  return ms - ((new Date(ms).getUTCDay() + 6) % 7) * 86_400_000;
}

/** The week numbers set in a mask, lowest first. */
function weeksOf(mask: string): number[] {
  return [...BigInt(mask).toString(2)].reverse().flatMap((bit, week) => (bit === '1' ? [week] : []));
}

export async function returningReport(db: Db, range: DateRange): Promise<ReturningReport> {
  const rows = await queryRange<Row>(db, RETURNING, range);
  const first = weekStart(range.from);
  const weeks = (weekStart(range.to) - first) / WEEK_MS + 1;
  // cells[cohort][weeks after]: a cohort's row runs to the range's last week.
  const cells = Array.from({ length: weeks }, (_, cohort) => new Array<number>(weeks - cohort).fill(0));
  const totals = { shoppers: 0, returning_shoppers: 0, buyers: 0, repeat_buyers: 0 };
  for (const row of rows) {
    const [cohort, ...later] = weeksOf(row.weeks);
    for (const week of [cohort, ...later]) cells[cohort][week - cohort] += row.shoppers;
    totals.shoppers += row.shoppers;
    if (later.length) totals.returning_shoppers += row.shoppers;
    if (row.ordering_sessions > 0) totals.buyers += row.shoppers;
    if (row.ordering_sessions > 1) totals.repeat_buyers += row.shoppers;
  }
  return {
    cohorts: cells.map(([shoppers, ...returned], cohort) => ({ week_start: new Date(first + cohort * WEEK_MS).toISOString().slice(0, 10), shoppers, returned })),
    shoppers: totals.shoppers,
    returning_shoppers: totals.returning_shoppers,
    returning_share: ratio(totals.returning_shoppers, totals.shoppers),
    buyers: totals.buyers,
    repeat_buyers: totals.repeat_buyers,
    repeat_buyer_share: ratio(totals.repeat_buyers, totals.buyers),
  };
}
