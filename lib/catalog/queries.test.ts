import { describe, expect, it } from 'vitest';
import { PRODUCTS } from './data';
import { effectivePrice, getProductBySlug, listBrands, listProducts, relatedProducts, searchProducts } from './queries';
import { CATEGORIES } from './types';
import { formatMoney } from './format';

describe('catalog data', () => {
  it('has enough products, brands, sales and images', () => {
    expect(PRODUCTS.length).toBeGreaterThanOrEqual(24);
    expect(new Set(PRODUCTS.map((p) => p.brand)).size).toBeGreaterThanOrEqual(4);
    expect(PRODUCTS.filter((p) => p.salePrice !== null).length).toBeGreaterThanOrEqual(6);
    for (const c of CATEGORIES) expect(PRODUCTS.some((p) => p.category === c)).toBe(true);
    for (const p of PRODUCTS) {
      expect(p.images.length).toBeGreaterThanOrEqual(2);
      if (p.salePrice !== null) expect(p.salePrice).toBeLessThan(p.listPrice);
    }
    expect(new Set(PRODUCTS.map((p) => p.slug)).size).toBe(PRODUCTS.length);
    expect(new Set(PRODUCTS.map((p) => p.id)).size).toBe(PRODUCTS.length);
  });
});

describe('queries', () => {
  it('finds a product by slug', () => {
    expect(getProductBySlug('aurora-solitaire-ring')?.name).toBe('Aurora Solitaire Ring');
    expect(getProductBySlug('nope')).toBeUndefined();
  });

  it('filters by category, brand and sale', () => {
    const rings = listProducts({ category: 'rings' });
    expect(rings.every((p) => p.category === 'rings')).toBe(true);
    const northstar = listProducts({ category: 'rings', brand: 'Northstar' });
    expect(northstar.length).toBeGreaterThan(0);
    expect(northstar.every((p) => p.brand === 'Northstar')).toBe(true);
    const sale = listProducts({ onSale: true });
    expect(sale.every((p) => p.salePrice !== null)).toBe(true);
    expect(listBrands('rings')).toEqual([...new Set(rings.map((p) => p.brand))].sort());
  });

  it('sorts by the price paid and by name', () => {
    const asc = listProducts({ category: 'bracelets', sort: 'price-asc' }).map(effectivePrice);
    expect(asc).toEqual([...asc].sort((a, b) => a - b));
    const desc = listProducts({ category: 'bracelets', sort: 'price-desc' }).map(effectivePrice);
    expect(desc).toEqual([...desc].sort((a, b) => b - a));
    const names = listProducts({ sort: 'name-asc' }).map((p) => p.name);
    expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b)));
  });

  it('searches name, brand, category and material', () => {
    expect(searchProducts('aurora').map((p) => p.slug)).toContain('aurora-solitaire-ring');
    expect(searchProducts('Solenne').every((p) => p.brand === 'Solenne')).toBe(true);
    expect(searchProducts('earrings').every((p) => p.category === 'earrings')).toBe(true);
    expect(searchProducts('pearl').length).toBeGreaterThan(2);
    expect(searchProducts('rose gold ruby').every((p) => p.materials.join(' ').includes('ruby'))).toBe(true);
    expect(searchProducts('   ')).toEqual([]);
    expect(searchProducts('zzzz')).toEqual([]);
  });

  it('relates products of the same category, never itself', () => {
    const p = getProductBySlug('aurora-solitaire-ring')!;
    const related = relatedProducts(p);
    expect(related).toHaveLength(4);
    expect(related.some((r) => r.id === p.id)).toBe(false);
    expect(related.every((r) => r.category === 'rings')).toBe(true);
  });

  it('formats money', () => {
    expect(formatMoney(1290)).toBe('$1,290.00');
  });
});
