import { formatMoney } from '@/lib/catalog/format';
import styles from './product.module.css';

/** List price, struck through with the sale price beside it when discounted. */
export function Price({ listPrice, salePrice, currency = 'USD', size = 'md' }: {
  listPrice: number;
  salePrice: number | null;
  currency?: string;
  size?: 'md' | 'lg';
}) {
  const className = size === 'lg' ? `${styles.price} ${styles.priceLarge}` : styles.price;
  if (salePrice === null || salePrice >= listPrice) {
    return <p className={className}>{formatMoney(listPrice, currency)}</p>;
  }
  return (
    <p className={className}>
      <span className={styles.sale}>
        <span className="visually-hidden">Sale price </span>
        {formatMoney(salePrice, currency)}
      </span>{' '}
      <s className={styles.was}>
        <span className="visually-hidden">Was </span>
        {formatMoney(listPrice, currency)}
      </s>
    </p>
  );
}
