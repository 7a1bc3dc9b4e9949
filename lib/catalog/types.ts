export const CATEGORIES = ['rings', 'necklaces', 'earrings', 'bracelets'] as const;
export type Category = (typeof CATEGORIES)[number];

export type ProductImage = { src: string; alt: string };

export type Product = {
  id: string;
  slug: string;
  name: string;
  brand: string;
  category: Category;
  /** Major units (dollars). */
  listPrice: number;
  /** Major units, or null when the product is not discounted. */
  salePrice: number | null;
  currency: 'USD';
  description: string;
  materials: string[];
  images: ProductImage[];
};

export type SortKey = 'featured' | 'price-asc' | 'price-desc' | 'name-asc' | 'name-desc';
export const SORT_KEYS: readonly SortKey[] = ['featured', 'price-asc', 'price-desc', 'name-asc', 'name-desc'];
