import Link from 'next/link';
import type { SortKey } from '@/lib/catalog/types';
import styles from './filters.module.css';

const SORT_LABELS: Record<SortKey, string> = {
  featured: 'Featured',
  'price-asc': 'Price: low to high',
  'price-desc': 'Price: high to low',
  'name-asc': 'Name: A to Z',
  'name-desc': 'Name: Z to A',
};

type State = { sort: SortKey; brand?: string; onSale: boolean };

function href(base: string, state: State): string {
  const params = new URLSearchParams();
  if (state.sort !== 'featured') params.set('sort', state.sort);
  if (state.brand) params.set('brand', state.brand);
  if (state.onSale) params.set('sale', '1');
  const query = params.toString();
  return query ? `${base}?${query}` : base;
}

/** Plain links and a GET form: the server renders every state, no client JavaScript needed. */
export function CollectionFilters({ base, brands, state }: { base: string; brands: string[]; state: State }) {
  return (
    <div className={styles.bar}>
      <nav aria-label="Filter by brand" className={styles.group}>
        <span className={styles.label}>Brand</span>
        <ul>
          {[undefined, ...brands].map((brand) => (
            <li key={brand ?? 'all'}>
              <Link href={href(base, { ...state, brand })} aria-current={state.brand === brand ? 'true' : undefined} className={styles.chip}>
                {brand ?? 'All brands'}
              </Link>
            </li>
          ))}
          <li>
            <Link href={href(base, { ...state, onSale: !state.onSale })} aria-current={state.onSale ? 'true' : undefined} className={styles.chip}>
              On sale
            </Link>
          </li>
        </ul>
      </nav>
      <form method="get" action={base} className={styles.sort}>
        {state.brand ? <input type="hidden" name="brand" value={state.brand} /> : null}
        {state.onSale ? <input type="hidden" name="sale" value="1" /> : null}
        <label htmlFor="sort">Sort by</label>
        <select id="sort" name="sort" defaultValue={state.sort}>
          {(Object.keys(SORT_LABELS) as SortKey[]).map((key) => (
            <option key={key} value={key}>
              {SORT_LABELS[key]}
            </option>
          ))}
        </select>
        <button type="submit" className="button">
          Apply
        </button>
      </form>
    </div>
  );
}
