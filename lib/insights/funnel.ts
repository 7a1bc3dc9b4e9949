// How many sessions reached each step in order. clickstream_sessions.funnel_step is the furthest
// step a session reached with every earlier step before it (lib/warehouse/derive.ts).
import { z } from 'zod';
import { count } from './numbers';
import type { DateRange } from './range';
import { SESSIONS_IN_RANGE, queryRange, type Db } from './sessions-in-range';

export const FUNNEL_STEPS = ['page_view', 'product_view', 'add_to_cart', 'checkout_start', 'checkout_complete'] as const;

export const funnelSchema = z.strictObject({
  steps: z.array(z.strictObject({ step: z.enum(FUNNEL_STEPS), sessions: count })).length(FUNNEL_STEPS.length),
});
export type FunnelReport = z.infer<typeof funnelSchema>;

const FUNNEL = `
WITH ${SESSIONS_IN_RANGE}
SELECT count(*) FILTER (WHERE funnel_step >= 1)::int AS page_view,
  count(*) FILTER (WHERE funnel_step >= 2)::int AS product_view,
  count(*) FILTER (WHERE funnel_step >= 3)::int AS add_to_cart,
  count(*) FILTER (WHERE funnel_step >= 4)::int AS checkout_start,
  count(*) FILTER (WHERE funnel_step >= 5)::int AS checkout_complete
FROM in_range`;

export async function funnelReport(db: Db, range: DateRange): Promise<FunnelReport> {
  const [row] = await queryRange<Record<(typeof FUNNEL_STEPS)[number], number>>(db, FUNNEL, range);
  return { steps: FUNNEL_STEPS.map((step) => ({ step, sessions: row[step] })) };
}
