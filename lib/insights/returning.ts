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
// the query reads the range's sessions and leaves out the shoppers seen before it, rather than
// finding every shopper's first session among all sessions; one grouping per shopper then gives
// the weeks they came in. The shopper key compares byte-wise (COLLATE "C"): it is only grouped,
// never shown in order, and sorting it by the database's locale was most of the time.
const RETURNING = `
WITH in_range AS (
  SELECT coalesce('user:' || user_id, 'client:' || client_id) COLLATE "C" AS shopper, started_at, orders
  FROM clickstream_sessions WHERE ${STARTED_IN_RANGE}
), earlier AS (
  SELECT coalesce('user:' || user_id, 'client:' || client_id) COLLATE "C" AS shopper
  FROM clickstream_sessions WHERE started_at < $1::timestamptz
), per_shopper AS (
  SELECT date_trunc('week', min(started_at) AT TIME ZONE 'UTC')::date AS week,
    array_agg(DISTINCT date_trunc('week', started_at AT TIME ZONE 'UTC')::date) AS visit_weeks,
    count(*) FILTER (WHERE orders > 0) AS ordering_sessions
  FROM in_range r WHERE NOT EXISTS (SELECT 1 FROM earlier e WHERE e.shopper = r.shopper)
  GROUP BY shopper
), grid AS (
  SELECT week, (visit_week - week) / 7 AS weeks_after, count(*) AS shoppers
  FROM per_shopper CROSS JOIN LATERAL unnest(visit_weeks) AS visit_week GROUP BY 1, 2
)
SELECT (SELECT coalesce(json_agg(json_build_array(to_char(week, 'YYYY-MM-DD'), weeks_after, shoppers)), '[]') FROM grid) AS grid,
  count(*)::int AS shoppers, count(*) FILTER (WHERE cardinality(visit_weeks) > 1)::int AS returning_shoppers,
  count(*) FILTER (WHERE ordering_sessions > 0)::int AS buyers, count(*) FILTER (WHERE ordering_sessions > 1)::int AS repeat_buyers
FROM per_shopper`;

type Row = { grid: [string, number, number][]; shoppers: number; returning_shoppers: number; buyers: number; repeat_buyers: number };

const WEEK_MS = 7 * 86_400_000;

/** The Monday (UTC) of the week that holds `day` (YYYY-MM-DD), in milliseconds. */
export function weekStart(day: string): number {
  const ms = Date.parse(`${day}T00:00:00.000Z`);
  return ms - ((new Date(ms).getUTCDay() + 6) % 7) * 86_400_000;
}

export async function returningReport(db: Db, range: DateRange): Promise<ReturningReport> {
  const [row] = await queryRange<Row>(db, RETURNING, range);
  const cells = new Map(row.grid.map(([week, after, shoppers]) => [`${week}+${after}`, shoppers]));
  const last = weekStart(range.to);
  const cohorts: ReturningReport['cohorts'] = [];
  // Every week of the range, zeros included; a cohort's row runs to the range's last week.
  for (let week = weekStart(range.from); week <= last; week += WEEK_MS) {
    const weekStartDay = new Date(week).toISOString().slice(0, 10);
    const returned = Array.from({ length: (last - week) / WEEK_MS }, (_, k) => cells.get(`${weekStartDay}+${k + 1}`) ?? 0);
    cohorts.push({ week_start: weekStartDay, shoppers: cells.get(`${weekStartDay}+0`) ?? 0, returned });
  }
  return {
    cohorts,
    shoppers: row.shoppers,
    returning_shoppers: row.returning_shoppers,
    returning_share: ratio(row.returning_shoppers, row.shoppers),
    buyers: row.buyers,
    repeat_buyers: row.repeat_buyers,
    repeat_buyer_share: ratio(row.repeat_buyers, row.buyers),
  };
}
