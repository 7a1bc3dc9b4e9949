import type { Metadata } from 'next';
import { ProductGrid } from '@/components/product/product-card';
import { SearchForm } from '@/components/search/search-form';
import { TrackOnMount } from '@/components/tracking/track-on-mount';
import { searchProducts } from '@/lib/catalog/queries';

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

const readQuery = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v ?? '').trim().slice(0, 200);

export async function generateMetadata({ searchParams }: Props): Promise<Metadata> {
  const q = readQuery((await searchParams).q);
  return { title: q ? `Search: ${q}` : 'Search' };
}

// Read in the server page, not behind a Suspense boundary: Amplify Hosting does not stream.
export default async function SearchPage({ searchParams }: Props) {
  const q = readQuery((await searchParams).q);
  const results = q ? searchProducts(q) : [];
  return (
    <>
      <h1>{q ? `Results for “${q}”` : 'Search the collection'}</h1>
      <div className="page-intro">
        <SearchForm defaultValue={q} id="search-page-input" />
      </div>
      {q ? (
        <>
          <TrackOnMount name="search" extras={{ search_term: q, result_count: results.length }} onceKey={q} />
          <p className="page-intro" role="status">
            {results.length} {results.length === 1 ? 'result' : 'results'}
          </p>
          <h2 className="visually-hidden">Search results</h2>
          {results.length > 0 ? (
            <ProductGrid products={results} priorityCount={4} />
          ) : (
            <p>No pieces match. Try a material such as “gold” or “pearl”, or a brand such as “Aurelia”.</p>
          )}
        </>
      ) : (
        <p>Search by name, brand, category or material.</p>
      )}
    </>
  );
}
