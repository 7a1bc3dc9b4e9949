'use client';
import { useState } from 'react';
import type { ProductPerformanceReport } from '@/lib/insights/product-performance';
import { Bar } from './bar';
import { CsvDownload } from './csv-download';
import { formatCount, formatMoney, formatPercent } from './format';
import styles from './insights.module.css';
import { ScrollBox } from './scroll-box';

type Product = ProductPerformanceReport['products'][number];
type Key = Exclude<keyof Product, 'product_id'>;

const COLUMNS: { key: Key; title: string; show?: (p: Product) => string }[] = [
  { key: 'name', title: 'Product' },
  { key: 'category', title: 'Category' },
  { key: 'view_sessions', title: 'Viewed' },
  { key: 'cart_sessions', title: 'Added to cart' },
  { key: 'checkout_sessions', title: 'Checked out' },
  { key: 'purchase_sessions', title: 'Bought' },
  { key: 'view_to_cart_rate', title: 'View to cart', show: (p) => formatPercent(p.view_to_cart_rate) },
  { key: 'cart_to_purchase_rate', title: 'Cart to purchase', show: (p) => formatPercent(p.cart_to_purchase_rate) },
  { key: 'units_sold', title: 'Units sold' },
  { key: 'revenue', title: 'Revenue', show: (p) => formatMoney(p.revenue) },
];
const STEPS: { key: Key; title: string }[] = [
  { key: 'view_sessions', title: 'Viewed it' },
  { key: 'cart_sessions', title: 'Added it to cart' },
  { key: 'checkout_sessions', title: 'Started checkout with it' },
  { key: 'purchase_sessions', title: 'Bought it' },
];

/** Every product's sessions at each step, sortable by any column; a chosen product's own funnel below. */
export function ProductPerformance({ report }: { report: ProductPerformanceReport }) {
  const [sort, setSort] = useState<{ key: Key; up: boolean }>({ key: 'revenue', up: false });
  const [chosen, setChosen] = useState<string | null>(null);
  const rows = [...report.products].sort((a, b) => {
    const [x, y] = sort.up ? [a[sort.key], b[sort.key]] : [b[sort.key], a[sort.key]];
    return typeof x === 'number' && typeof y === 'number' ? x - y : String(x ?? '').localeCompare(String(y ?? ''));
  });
  const product = report.products.find((p) => p.product_id === chosen);
  // Names and categories read A to Z first, figures largest first.
  const sortBy = (key: Key) => setSort(sort.key === key ? { key, up: !sort.up } : { key, up: key === 'name' || key === 'category' });
  return (
    <section aria-labelledby="performance-title" className={styles.section}>
      <h2 id="performance-title">Product performance</h2>
      <p className={styles.muted}>Sessions that viewed, added, checked out with and bought each product. Choose a product for its funnel.</p>
      <ScrollBox>
        <table className={styles.table}>
          <thead>
            <tr>
              {COLUMNS.map(({ key, title }) => (
                <th key={key} scope="col" aria-sort={sort.key === key ? (sort.up ? 'ascending' : 'descending') : undefined}>
                  <button type="button" className={styles.sort} onClick={() => sortBy(key)}>
                    {title}
                    <span aria-hidden="true">{sort.key === key ? (sort.up ? ' ▲' : ' ▼') : ''}</span>
                  </button>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.length === 0 && (
              <tr>
                <td colSpan={COLUMNS.length}>No product was viewed, added or bought in this range.</td>
              </tr>
            )}
            {rows.map((p) => (
              <tr key={p.product_id}>
                <th scope="row">
                  <button type="button" className={styles.linkButton} aria-pressed={p.product_id === chosen} onClick={() => setChosen(p.product_id)}>
                    {p.name}
                  </button>
                </th>
                {COLUMNS.slice(1).map(({ key, show }) => {
                  const value = p[key];
                  return <td key={key}>{show ? show(p) : typeof value === 'number' ? formatCount(value) : (value ?? '–')}</td>;
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollBox>
      <CsvDownload report="product-performance" label="the product performance table" />
      {product && (
        <table className={styles.table}>
          <caption>Funnel of {product.name}</caption>
          <thead>
            <tr>
              <th scope="col">Step</th>
              <th scope="col">Sessions</th>
              <th scope="col">Of the views</th>
            </tr>
          </thead>
          <tbody>
            {STEPS.map(({ key, title }) => (
              <tr key={key}>
                <th scope="row">{title}</th>
                <td>
                  <div className={styles.withBar}>
                    <span>{formatCount(product[key] as number)}</span>
                    <Bar value={product[key] as number} max={product.view_sessions} />
                  </div>
                </td>
                <td>{product.view_sessions ? formatPercent((product[key] as number) / product.view_sessions) : '–'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
