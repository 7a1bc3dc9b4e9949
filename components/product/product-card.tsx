import Link from 'next/link';
import type { Product } from '@/lib/catalog/types';
import { isOnSale } from '@/lib/catalog/queries';
import { ArtImage } from './art-image';
import { Price } from './price';
import styles from './product.module.css';

export function ProductCard({ product, priority = false }: { product: Product; priority?: boolean }) {
  const image = product.images[0];
  return (
    <article className={styles.card}>
      <Link href={`/products/${product.slug}`} className={styles.cardLink}>
        <div className={styles.cardImage}>
          <ArtImage src={image.src} alt="" width={400} height={400} priority={priority} />
          {isOnSale(product) ? <span className={styles.badge}>Sale</span> : null}
        </div>
        <h3 className={styles.cardTitle}>{product.name}</h3>
      </Link>
      <p className={styles.brand}>{product.brand}</p>
      <Price listPrice={product.listPrice} salePrice={product.salePrice} currency={product.currency} />
    </article>
  );
}

export function ProductGrid({ products, priorityCount = 0 }: { products: Product[]; priorityCount?: number }) {
  return (
    <ul className={styles.grid}>
      {products.map((p, i) => (
        <li key={p.id}>
          <ProductCard product={p} priority={i < priorityCount} />
        </li>
      ))}
    </ul>
  );
}
