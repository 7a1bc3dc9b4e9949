// Where the range's sessions came from: by channel (every channel, zeros included), by UTM campaign
// and by landing page, each with its orders, revenue and conversion rate. The channel and UTM values
// are the session row's, set from its landing page and referrer when the session is derived
// (migration 0011, the rules in docs/insights.md). One scan, three groupings.
import { z } from 'zod';
import { count, money, ratio, toMoney } from './numbers';
import type { DateRange } from './range';
import { SESSIONS_IN_RANGE, queryRange, type Db } from './sessions-in-range';

export const CHANNELS = ['direct', 'organic_search', 'paid', 'social', 'email', 'referral'] as const;
export type Channel = (typeof CHANNELS)[number];
export const ACQUISITION_LIMIT = 50;

const figures = { sessions: count, orders: count, revenue: money, conversion_rate: z.number().min(0) };
export const acquisitionSchema = z.strictObject({
  channels: z.array(z.strictObject({ channel: z.enum(CHANNELS), ...figures })),
  campaigns: z.array(z.strictObject({
    utm_source: z.string().nullable(), utm_medium: z.string().nullable(), utm_campaign: z.string().nullable(), ...figures,
  })),
  landing_pages: z.array(z.strictObject({ path: z.string(), ...figures })),
});
export type AcquisitionReport = z.infer<typeof acquisitionSchema>;
type Figures = Pick<AcquisitionReport['channels'][number], 'sessions' | 'orders' | 'revenue' | 'conversion_rate'>;

// `tagged` keeps the sessions without any UTM value out of the campaign grouping (their rows are
// dropped below), and `ranked` keeps the top of each grouping. A session without a landing path
// (its first event had none) is '(unknown)'.
const ACQUISITION = `
WITH ${SESSIONS_IN_RANGE}, labelled AS (
  SELECT channel, utm_source, utm_medium, utm_campaign, coalesce(entry_path, '(unknown)') AS path,
    coalesce(utm_source, utm_medium, utm_campaign) IS NOT NULL AS tagged, orders, revenue
  FROM in_range
), grouped AS (
  SELECT CASE WHEN GROUPING(channel) = 0 THEN 'channels' WHEN GROUPING(path) = 0 THEN 'landing_pages' ELSE 'campaigns' END AS grouping,
    channel, utm_source, utm_medium, utm_campaign, path, tagged,
    count(*)::int AS sessions, sum(orders)::int AS orders, sum(revenue) AS revenue
  FROM labelled
  GROUP BY GROUPING SETS ((channel), (tagged, utm_source, utm_medium, utm_campaign), (path))
), ranked AS (
  SELECT *, row_number() OVER (PARTITION BY grouping ORDER BY sessions DESC, revenue DESC,
    channel, path, utm_source NULLS FIRST, utm_medium NULLS FIRST, utm_campaign NULLS FIRST) AS rank
  FROM grouped WHERE grouping <> 'campaigns' OR tagged
)
SELECT grouping, channel, utm_source, utm_medium, utm_campaign, path, sessions, orders, revenue
FROM ranked WHERE grouping = 'channels' OR rank <= ${ACQUISITION_LIMIT}
ORDER BY grouping, rank`;

type Row = {
  grouping: keyof AcquisitionReport;
  channel: Channel;
  utm_source: string | null;
  utm_medium: string | null;
  utm_campaign: string | null;
  path: string;
  sessions: number;
  orders: number;
  revenue: string;
};

const toFigures = ({ sessions, orders, revenue }: Pick<Row, 'sessions' | 'orders' | 'revenue'>): Figures => ({
  sessions, orders, revenue: toMoney(revenue), conversion_rate: ratio(orders, sessions),
});
const NONE: Figures = { sessions: 0, orders: 0, revenue: 0, conversion_rate: 0 };

export async function acquisitionReport(db: Db, range: DateRange): Promise<AcquisitionReport> {
  const rows = await queryRange<Row>(db, ACQUISITION, range);
  const byChannel = new Map(rows.filter((r) => r.grouping === 'channels').map((r) => [r.channel, toFigures(r)]));
  const channels = CHANNELS.map((channel) => ({ channel, ...(byChannel.get(channel) ?? NONE) }))
    .sort((a, b) => b.sessions - a.sessions || CHANNELS.indexOf(a.channel) - CHANNELS.indexOf(b.channel));
  return {
    channels,
    campaigns: rows.filter((r) => r.grouping === 'campaigns')
      .map((r) => ({ utm_source: r.utm_source, utm_medium: r.utm_medium, utm_campaign: r.utm_campaign, ...toFigures(r) })),
    landing_pages: rows.filter((r) => r.grouping === 'landing_pages').map((r) => ({ path: r.path, ...toFigures(r) })),
  };
}
