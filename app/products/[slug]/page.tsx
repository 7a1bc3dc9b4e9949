import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { AddToCart } from '@/components/product/add-to-cart';
import { Gallery } from '@/components/product/gallery';
import { Price } from '@/components/product/price';
import { ProductGrid } from '@/components/product/product-card';
import styles from '@/components/product/product-page.module.css';
import { ProductBoundary } from '@/components/tracking/product-boundary';
import { CATEGORY_INFO, PRODUCTS } from '@/lib/catalog/data';
import { getProductBySlug, relatedProducts } from '@/lib/catalog/queries';
import { toTrackedProduct } from '@/lib/catalog/tracked';

type Props = { params: Promise<{ slug: string }> };

export const dynamicParams = false;

export function generateStaticParams() {
  return PRODUCTS.map((p) => ({ slug: p.slug }));
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const product = getProductBySlug((await params).slug);
  return product ? { title: product.name, description: product.description } : {};
}

export default async function ProductPage({ params }: Props) {
  const product = getProductBySlug((await params).slug);
  if (!product) notFound();
  const collection = CATEGORY_INFO[product.category];
  return (
    <ProductBoundary product={toTrackedProduct(product)}>
      <nav aria-label="Breadcrumb" className={styles.crumbs}>
        <ol>
          <li><Link href="/">Home</Link></li>
          <li><Link href={`/collections/${product.category}`}>{collection.title}</Link></li>
          <li aria-current="page">{product.name}</li>
        </ol>
      </nav>
      <div className={styles.layout}>
        <Gallery images={product.images} />
        <div className={styles.details}>
          <p className={styles.brand}>{product.brand}</p>
          <h1>{product.name}</h1>
          <Price listPrice={product.listPrice} salePrice={product.salePrice} currency={product.currency} size="lg" />
          <p>{product.description}</p>
          <AddToCart productId={product.id} productName={product.name} />
          <dl className={styles.facts}>
            <div>
              <dt>Materials</dt>
              <dd>{product.materials.join(', ')}</dd>
            </div>
            <div>
              <dt>Collection</dt>
              <dd>{collection.title}</dd>
            </div>
            <div>
              <dt>Reference</dt>
              <dd>{product.id.toUpperCase()}</dd>
            </div>
          </dl>
        </div>
      </div>
      <section className="section" aria-labelledby="related-heading">
        <h2 id="related-heading">You may also like</h2>
        <ProductGrid products={relatedProducts(product)} />
      </section>
    </ProductBoundary>
  );
}
