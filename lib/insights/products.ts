// The 50 products with the most revenue (then views) among the range's sessions, from the
// per-session product rows the loader keeps (clickstream_session_products).
import { z } from 'zod';
import { count, money, toMoney } from './numbers';
import type { DateRange } from './range';
import { STARTED_IN_RANGE, queryRange, type Db } from './sessions-in-range';

export const productsSchema = z.strictObject({
  products: z
    .array(
      z.strictObject({
        product_id: z.string(),
        name: z.string(),
        views: count,
        add_to_carts: count,
        units_sold: count,
        revenue: money,
      }),
    )
    .max(50),
});
export type ProductsReport = z.infer<typeof productsSchema>;

// max(name): one name per product without sorting every row (a latest-name array_agg made the
// 90-day report at 1M events 8x slower); a product only ever bought (never viewed) shows its id,
// one only ever in a checkout's cart (added in an earlier session) is left out.
const PRODUCTS = `
SELECT product_id, coalesce(max(name), product_id) AS name,
  sum(views)::int AS views, sum(add_to_carts)::int AS add_to_carts, sum(units_sold)::int AS units_sold,
  sum(revenue) AS revenue
FROM clickstream_session_products
WHERE ${STARTED_IN_RANGE}
GROUP BY product_id
HAVING sum(views) + sum(add_to_carts) + sum(units_sold) > 0
ORDER BY sum(revenue) DESC, sum(views) DESC, product_id
LIMIT 50`;

type Row = Omit<ProductsReport['products'][number], 'revenue'> & { revenue: string };

export async function productsReport(db: Db, range: DateRange): Promise<ProductsReport> {
  const rows = await queryRange<Row>(db, PRODUCTS, range);
  return { products: rows.map((row) => ({ ...row, revenue: toMoney(row.revenue) })) };
}
