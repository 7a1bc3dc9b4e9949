import type { TrackedProduct } from '@/lib/clickstream/types';
import type { Product } from './types';

/** The product as the tracker reports it: exactly the prices the page shows. */
export function toTrackedProduct(p: Product): TrackedProduct {
  return {
    id: p.id,
    name: p.name,
    category: p.category,
    brand: p.brand,
    price: p.listPrice,
    discountPrice: p.salePrice,
    urlPath: `/products/${p.slug}`,
    currency: p.currency,
  };
}
