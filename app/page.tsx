import Link from 'next/link';
import { CollectionTiles } from '@/components/layout/collection-tiles';
import { ProductGrid } from '@/components/product/product-card';
import { featuredProducts, listProducts } from '@/lib/catalog/queries';
import styles from '@/components/layout/home.module.css';

export default function HomePage() {
  const onSale = listProducts({ onSale: true }).slice(0, 4);
  return (
    <>
      <section className={styles.hero} aria-labelledby="hero-heading">
        <p className={styles.eyebrow}>New season</p>
        <h1 id="hero-heading">Light, worn close.</h1>
        <p className={styles.lede}>
          Fine jewelry in gold, silver and platinum from four ateliers, drawn by hand and finished to last.
        </p>
        <Link href="/collections/rings" className="button button-primary">
          Shop the ring collection
        </Link>
      </section>
      <section className="section" aria-labelledby="featured-heading">
        <div className="section-head">
          <h2 id="featured-heading">Featured</h2>
        </div>
        <ProductGrid products={featuredProducts()} priorityCount={2} />
      </section>
      <section className="section" aria-labelledby="collections-heading">
        <div className="section-head">
          <h2 id="collections-heading">Collections</h2>
        </div>
        <CollectionTiles />
      </section>
      <section className="section" aria-labelledby="sale-heading">
        <div className="section-head">
          <h2 id="sale-heading">On sale</h2>
        </div>
        <ProductGrid products={onSale} />
      </section>
    </>
  );
}
