import type { ProductsReport } from '@/lib/insights/products';
import { CsvDownload } from './csv-download';
import { formatCount, formatMoney } from './format';
import styles from './insights.module.css';
import { ScrollBox } from './scroll-box';

/** The best sellers first, then the most viewed: which pieces sell and which are only looked at. */
export function TopProducts({ products }: { products: ProductsReport }) {
  return (
    <section aria-labelledby="products-title" className={styles.section}>
      <h2 id="products-title">Top products</h2>
      {products.products.length === 0 ? (
        <p className={styles.muted}>No product was viewed, added or bought in this range.</p>
      ) : (
        <ScrollBox>
          <table className={styles.table}>
            <thead>
              <tr>
                <th scope="col">Product</th>
                <th scope="col">Views</th>
                <th scope="col">Added to cart</th>
                <th scope="col">Units sold</th>
                <th scope="col">Revenue</th>
              </tr>
            </thead>
            <tbody>
              {products.products.map((p) => (
                <tr key={p.product_id}>
                  <th scope="row">{p.name}</th>
                  <td>{formatCount(p.views)}</td>
                  <td>{formatCount(p.add_to_carts)}</td>
                  <td>{formatCount(p.units_sold)}</td>
                  <td>{formatMoney(p.revenue)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollBox>
      )}
      <CsvDownload report="products" label="the top products" />
    </section>
  );
}
