// One entry per day of the range, each session on the UTC day it started; days without any are zeros.
import { z } from 'zod';
import { count, money, toMoney } from './numbers';
import type { DateRange } from './range';
import { SESSIONS_IN_RANGE, queryRange, type Db } from './sessions-in-range';

export const dailySchema = z.strictObject({
  days: z.array(
    z.strictObject({ date: z.iso.date(), sessions: count, page_views: count, orders: count, revenue: money }),
  ),
});
export type DailyReport = z.infer<typeof dailySchema>;

const DAILY = `
WITH ${SESSIONS_IN_RANGE}, per_day AS (
  SELECT (started_at AT TIME ZONE 'UTC')::date AS day, count(*) AS sessions, sum(page_views) AS page_views,
    sum(orders) AS orders, sum(revenue) AS revenue
  FROM in_range GROUP BY 1
)
SELECT to_char(d.day, 'YYYY-MM-DD') AS date, coalesce(p.sessions, 0)::int AS sessions,
  coalesce(p.page_views, 0)::int AS page_views, coalesce(p.orders, 0)::int AS orders, coalesce(p.revenue, 0) AS revenue
FROM generate_series(($1::timestamptz AT TIME ZONE 'UTC')::date, ($2::timestamptz AT TIME ZONE 'UTC')::date - 1, interval '1 day') AS d(day)
LEFT JOIN per_day p ON p.day = d.day::date
ORDER BY d.day`;

type Row = Omit<DailyReport['days'][number], 'revenue'> & { revenue: string };

export async function dailyReport(db: Db, range: DateRange): Promise<DailyReport> {
  const rows = await queryRange<Row>(db, DAILY, range);
  return { days: rows.map((row) => ({ ...row, revenue: toMoney(row.revenue) })) };
}
