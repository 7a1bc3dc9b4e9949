import type { ReactNode } from 'react';
import { formatMoney } from '@/lib/catalog/format';
import type { CartSummary, OrderLine } from '@/lib/cart/cart';
import styles from './cart.module.css';

export function CartSummaryBox({ summary, lines, children }: { summary: CartSummary; lines?: OrderLine[]; children?: ReactNode }) {
  return (
    <section className={styles.summary} aria-labelledby="summary-heading">
      <h2 id="summary-heading">Order summary</h2>
      {lines?.length ? (
        <ul className={styles.summaryLines} aria-label="Items in your order">
          {lines.map((line) => (
            <li key={line.productId}>
              <span>
                {line.name} <span className={styles.times}>× {line.quantity}</span>
              </span>
              <span>{formatMoney(line.lineTotal, summary.currency)}</span>
            </li>
          ))}
        </ul>
      ) : null}
      <dl>
        <div>
          <dt>Items</dt>
          <dd>{summary.itemCount}</dd>
        </div>
        <div>
          <dt>Subtotal</dt>
          <dd>{formatMoney(summary.subtotal, summary.currency)}</dd>
        </div>
        {summary.savings > 0 ? (
          <div className={styles.savings}>
            <dt>Savings</dt>
            <dd>−{formatMoney(summary.savings, summary.currency)}</dd>
          </div>
        ) : null}
        <div className={styles.grand}>
          <dt>Total</dt>
          <dd>{formatMoney(summary.total, summary.currency)}</dd>
        </div>
      </dl>
      <p className={styles.note}>Free insured shipping. No payment is taken in this demo store.</p>
      {children}
    </section>
  );
}
