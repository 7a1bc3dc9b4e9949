// Who the range's sessions were: by device, country, referring site and whether they signed in,
// each from the session row (its first event; signed in if any event was). One scan, four groupings.
import { z } from 'zod';
import { count } from './numbers';
import type { DateRange } from './range';
import { SESSIONS_IN_RANGE, queryRange, type Db } from './sessions-in-range';

export const AUDIENCE_DIMENSIONS = ['device_type', 'country', 'referrer_host', 'login_state'] as const;
type Dimension = (typeof AUDIENCE_DIMENSIONS)[number];

const split = z.array(z.strictObject({ value: z.string(), sessions: count }));
export const audienceSchema = z.strictObject({
  device_type: split,
  country: split,
  referrer_host: split,
  login_state: split,
});
export type AudienceReport = z.infer<typeof audienceSchema>;

// Unknown values get a label first, so that within a grouping set the one non-null column is the value.
const AUDIENCE = `
WITH ${SESSIONS_IN_RANGE}, labelled AS (
  SELECT coalesce(device_type, 'unknown') AS device_type, coalesce(country, 'unknown') AS country,
    coalesce(referrer_host, '(direct)') AS referrer_host, coalesce(login_state, 'anonymous') AS login_state
  FROM in_range
)
SELECT CASE WHEN GROUPING(device_type) = 0 THEN 'device_type' WHEN GROUPING(country) = 0 THEN 'country'
    WHEN GROUPING(referrer_host) = 0 THEN 'referrer_host' ELSE 'login_state' END AS dimension,
  coalesce(device_type, country, referrer_host, login_state) AS value, count(*)::int AS sessions
FROM labelled
GROUP BY GROUPING SETS ((device_type), (country), (referrer_host), (login_state))
ORDER BY dimension, sessions DESC, value`;

export async function audienceReport(db: Db, range: DateRange): Promise<AudienceReport> {
  const rows = await queryRange<{ dimension: Dimension; value: string; sessions: number }>(db, AUDIENCE, range);
  const report: AudienceReport = { device_type: [], country: [], referrer_host: [], login_state: [] };
  for (const { dimension, value, sessions } of rows) report[dimension].push({ value, sessions });
  return report;
}
