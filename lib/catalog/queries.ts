import { PRODUCTS } from './data';
import { CATEGORIES, SORT_KEYS, type Category, type Product, type SortKey } from './types';

/** What the shopper pays for one unit. */
export const effectivePrice = (p: Product): number => p.salePrice ?? p.listPrice;
export const isOnSale = (p: Product): boolean => p.salePrice !== null && p.salePrice < p.listPrice;

export const isCategory = (value: string): value is Category => (CATEGORIES as readonly string[]).includes(value);
export const parseSort = (value: string | undefined): SortKey =>
  SORT_KEYS.includes(value as SortKey) ? (value as SortKey) : 'featured';

export function getProductBySlug(slug: string): Product | undefined {
  return PRODUCTS.find((p) => p.slug === slug);
}

export function getProductById(id: string): Product | undefined {
  return PRODUCTS.find((p) => p.id === id);
}

export type ListOptions = { category?: Category; sort?: SortKey; brand?: string; onSale?: boolean };

const COMPARATORS: Record<SortKey, ((a: Product, b: Product) => number) | null> = {
  featured: null,
  'price-asc': (a, b) => effectivePrice(a) - effectivePrice(b),
  'price-desc': (a, b) => effectivePrice(b) - effectivePrice(a),
  'name-asc': (a, b) => a.name.localeCompare(b.name),
  'name-desc': (a, b) => b.name.localeCompare(a.name),
};

export function listProducts({ category, sort = 'featured', brand, onSale }: ListOptions = {}): Product[] {
  const list = PRODUCTS.filter(
    (p) => (!category || p.category === category) && (!brand || p.brand === brand) && (!onSale || isOnSale(p)),
  );
  const compare = COMPARATORS[sort];
  return compare ? [...list].sort(compare) : list;
}

export function listBrands(category?: Category): string[] {
  return [...new Set(PRODUCTS.filter((p) => !category || p.category === category).map((p) => p.brand))].sort();
}

const normalise = (s: string) => s.toLowerCase().normalize('NFKD').replace(/[\u0300-\u036f]/g, '');

/** Every word of the query must appear in the name, brand, category or materials. */
export function searchProducts(query: string): Product[] {
  const words = normalise(query).split(/\s+/).filter(Boolean);
  if (words.length === 0) return [];
  return PRODUCTS.filter((p) => {
    const haystack = normalise([p.name, p.brand, p.category, ...p.materials].join(' '));
    // "ring" should find "rings": compare against singular forms too.
    return words.every((w) => haystack.includes(w) || haystack.includes(w.replace(/s$/, '')));
  });
}

/** Same category first, then same brand, never the product itself. */
export function relatedProducts(product: Product, limit = 4): Product[] {
  const score = (p: Product) => (p.category === product.category ? 2 : 0) + (p.brand === product.brand ? 1 : 0);
  return PRODUCTS.filter((p) => p.id !== product.id)
    .map((p, index) => ({ p, index, s: score(p) }))
    .sort((a, b) => b.s - a.s || a.index - b.index)
    .slice(0, limit)
    .map(({ p }) => p);
}

export function featuredProducts(limit = 4): Product[] {
  return CATEGORIES.map((c) => PRODUCTS.find((p) => p.category === c)!).slice(0, limit);
}
