'use client';
import Link from 'next/link';
import { ArtImage } from '@/components/product/art-image';
import { Price } from '@/components/product/price';
import { formatMoney } from '@/lib/catalog/format';
import type { ResolvedLine } from '@/lib/cart/cart';
import { MAX_LINE_QUANTITY } from '@/lib/cart/types';
import styles from './cart.module.css';

export function CartLineItem({ line, onQuantity, onRemove }: {
  line: ResolvedLine;
  onQuantity: (line: ResolvedLine, quantity: number) => void;
  onRemove: (line: ResolvedLine) => void;
}) {
  const { product, quantity } = line;
  return (
    <li className={styles.line}>
      <ArtImage src={product.images[0].src} alt="" width={96} height={96} className={styles.thumb} />
      <div className={styles.info}>
        <Link href={`/products/${product.slug}`} className={styles.name}>
          {product.name}
        </Link>
        <p className={styles.brand}>{product.brand}</p>
        <Price listPrice={product.listPrice} salePrice={product.salePrice} currency={product.currency} />
      </div>
      <div className={styles.qty} role="group" aria-label={`Quantity of ${product.name}`}>
        <button type="button" className={styles.step} aria-label={`Decrease quantity of ${product.name}`} onClick={() => onQuantity(line, quantity - 1)}>
          −
        </button>
        <output className={styles.count} aria-live="polite" aria-label={`Quantity ${quantity}`}>
          {quantity}
        </output>
        <button
          type="button"
          className={styles.step}
          aria-label={`Increase quantity of ${product.name}`}
          disabled={quantity >= MAX_LINE_QUANTITY}
          onClick={() => onQuantity(line, quantity + 1)}
        >
          +
        </button>
      </div>
      <p className={styles.total}>{formatMoney(line.lineTotal, product.currency)}</p>
      <button type="button" className={styles.remove} onClick={() => onRemove(line)}>
        Remove {product.name}
      </button>
    </li>
  );
}
