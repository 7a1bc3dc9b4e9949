// The catalog lives in products.json so the art script (plain Node) can read it too.
import raw from './products.json';
import { CATEGORIES, type Category, type Product } from './types';

const isCategory = (value: string): value is Category => (CATEGORIES as readonly string[]).includes(value);

export const PRODUCTS: readonly Product[] = raw.map((p) => {
  if (!isCategory(p.category)) throw new Error(`Unknown category ${p.category} for ${p.slug}`);
  return {
    id: p.id,
    slug: p.slug,
    name: p.name,
    brand: p.brand,
    category: p.category,
    listPrice: p.listPrice,
    salePrice: p.salePrice,
    currency: 'USD',
    description: p.description,
    materials: p.materials,
    images: p.images,
  };
});

export const CATEGORY_INFO: Record<Category, { title: string; blurb: string }> = {
  rings: { title: 'Rings', blurb: 'Solitaires, stacking bands and signets.' },
  necklaces: { title: 'Necklaces', blurb: 'Pendants, pearls and fine chains.' },
  earrings: { title: 'Earrings', blurb: 'Studs, hoops and drops.' },
  bracelets: { title: 'Bracelets', blurb: 'Tennis lines, bangles and cuffs.' },
};
