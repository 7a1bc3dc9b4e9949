import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { CollectionFilters } from '@/components/product/collection-filters';
import { ProductGrid } from '@/components/product/product-card';
import { CATEGORY_INFO } from '@/lib/catalog/data';
import { isCategory, listBrands, listProducts, parseSort } from '@/lib/catalog/queries';
import { CATEGORIES } from '@/lib/catalog/types';

type Props = {
  params: Promise<{ category: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

export const dynamicParams = false;

export function generateStaticParams() {
  return CATEGORIES.map((category) => ({ category }));
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { category } = await params;
  return isCategory(category) ? { title: CATEGORY_INFO[category].title } : {};
}

const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

export default async function CollectionPage({ params, searchParams }: Props) {
  const { category } = await params;
  if (!isCategory(category)) notFound();
  const query = await searchParams;
  const brands = listBrands(category);
  const requestedBrand = first(query.brand);
  const brand = requestedBrand && brands.includes(requestedBrand) ? requestedBrand : undefined;
  const state = { sort: parseSort(first(query.sort)), brand, onSale: first(query.sale) === '1' };
  const products = listProducts({ category, ...state });
  const info = CATEGORY_INFO[category];
  return (
    <>
      <h1>{info.title}</h1>
      <p className="page-intro">{info.blurb}</p>
      <CollectionFilters base={`/collections/${category}`} brands={brands} state={state} />
      <p aria-live="polite" className="page-intro">
        {products.length} {products.length === 1 ? 'piece' : 'pieces'}
      </p>
      <section aria-labelledby="pieces-heading">
        <h2 id="pieces-heading" className="visually-hidden">
          Pieces in this collection
        </h2>
        {products.length > 0 ? <ProductGrid products={products} priorityCount={4} /> : <p>Nothing matches these filters.</p>}
      </section>
    </>
  );
}
