// Each product's own funnel among the range's sessions: how many viewed it, added it, started a
// checkout with it in the cart and bought it, with the units and revenue of its distinct orders,
// from the per-session product rows the loader keeps (clickstream_session_products).
import { z } from 'zod';
import { count, money, share, toMoney } from './numbers';
import type { DateRange } from './range';
import { STARTED_IN_RANGE, queryRange, type Db } from './sessions-in-range';

export const PRODUCT_PERFORMANCE_LIMIT = 200;

export const productPerformanceSchema = z.strictObject({
  products: z
    .array(
      z.strictObject({
        product_id: z.string(),
        name: z.string(),
        category: z.string().nullable(),
        view_sessions: count,
        cart_sessions: count,
        checkout_sessions: count,
        purchase_sessions: count,
        view_to_cart_rate: share,
        cart_to_purchase_rate: share,
        units_sold: count,
        revenue: money,
      }),
    )
    .max(PRODUCT_PERFORMANCE_LIMIT),
});
export type ProductPerformanceReport = z.infer<typeof productPerformanceSchema>;
export type ProductPerformance = ProductPerformanceReport['products'][number];

// The rates follow the same sessions from one step to the next (viewed and then also added, over
// viewed), so they stay within 0..1 even where a session adds a product it never viewed. A product
// that was only ever in a checkout's cart (added in an earlier session) is not listed on its own.
const PRODUCT_PERFORMANCE = `
SELECT product_id, coalesce(max(name), product_id) AS name, max(category) AS category,
  count(*) FILTER (WHERE views > 0)::int AS view_sessions,
  count(*) FILTER (WHERE add_to_carts > 0)::int AS cart_sessions,
  count(*) FILTER (WHERE checkouts > 0)::int AS checkout_sessions,
  count(*) FILTER (WHERE units_sold > 0)::int AS purchase_sessions,
  coalesce(round(count(*) FILTER (WHERE views > 0 AND add_to_carts > 0)::numeric / nullif(count(*) FILTER (WHERE views > 0), 0), 4), 0) AS view_to_cart_rate,
  coalesce(round(count(*) FILTER (WHERE add_to_carts > 0 AND units_sold > 0)::numeric / nullif(count(*) FILTER (WHERE add_to_carts > 0), 0), 4), 0) AS cart_to_purchase_rate,
  sum(units_sold)::int AS units_sold, sum(revenue) AS revenue
FROM clickstream_session_products
WHERE ${STARTED_IN_RANGE}
GROUP BY product_id
HAVING sum(views) + sum(add_to_carts) + sum(units_sold) > 0
ORDER BY sum(revenue) DESC, count(*) FILTER (WHERE views > 0) DESC, product_id
LIMIT ${PRODUCT_PERFORMANCE_LIMIT}`;

type Row = Omit<ProductPerformance, 'revenue' | 'view_to_cart_rate' | 'cart_to_purchase_rate'> & {
  revenue: string;
  view_to_cart_rate: string;
  cart_to_purchase_rate: string;
};

export async function productPerformanceReport(db: Db, range: DateRange): Promise<ProductPerformanceReport> {
  const rows = await queryRange<Row>(db, PRODUCT_PERFORMANCE, range);
  return {
    products: rows.map((row) => ({
      ...row,
      view_to_cart_rate: Number(row.view_to_cart_rate),
      cart_to_purchase_rate: Number(row.cart_to_purchase_rate),
      revenue: toMoney(row.revenue),
    })),
  };
}
