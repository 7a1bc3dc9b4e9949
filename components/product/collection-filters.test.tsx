// @vitest-environment jsdom
import { cleanup, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import CollectionPage from '@/app/collections/[category]/page';
import { PRODUCTS } from '@/lib/catalog/data';
import { effectivePrice, listBrands, listProducts } from '@/lib/catalog/queries';
import { CollectionFilters } from './collection-filters';

function productNames(): string[] {
  const grid = screen.queryAllByRole('list').find((l) => l.querySelector('article'));
  return grid ? within(grid).getAllByRole('heading', { level: 3 }).map((h) => h.textContent ?? '') : [];
}

afterEach(cleanup);

async function renderCollection(category: string, query: Record<string, string> = {}) {
  render(await CollectionPage({ params: Promise.resolve({ category }), searchParams: Promise.resolve(query) }));
}

describe('CollectionFilters', () => {
  it('links each brand and the sale toggle while keeping the other choices', () => {
    render(<CollectionFilters base="/collections/rings" brands={['Aurelia', 'Northstar']} state={{ sort: 'price-asc', onSale: true }} />);
    expect(screen.getByRole('link', { name: 'Northstar' })).toHaveAttribute('href', '/collections/rings?sort=price-asc&brand=Northstar&sale=1');
    expect(screen.getByRole('link', { name: 'All brands' })).toHaveAttribute('aria-current', 'true');
    const sale = screen.getByRole('link', { name: 'On sale' });
    expect(sale).toHaveAttribute('aria-current', 'true');
    expect(sale).toHaveAttribute('href', '/collections/rings?sort=price-asc');
    expect(screen.getByRole('combobox', { name: 'Sort by' })).toHaveValue('price-asc');
  });
});

describe('collection page', () => {
  it('sorts by price paid, low to high', async () => {
    await renderCollection('bracelets', { sort: 'price-asc' });
    const prices = productNames().map((name) => effectivePrice(byName(name)));
    expect(prices.length).toBeGreaterThan(2);
    expect(prices).toEqual([...prices].sort((a, b) => a - b));
  });

  it('sorts by name, Z to A', async () => {
    await renderCollection('rings', { sort: 'name-desc' });
    const names = productNames();
    expect(names).toEqual([...names].sort((a, b) => b.localeCompare(a)));
  });

  it('filters by brand and by sale, and says how many pieces match', async () => {
    const brand = listBrands('rings').find((b) => listProducts({ category: 'rings', brand: b, onSale: true }).length > 0)!;
    await renderCollection('rings', { brand, sale: '1' });
    const names = productNames();
    expect(names.length).toBeGreaterThan(0);
    for (const name of names) {
      const p = byName(name);
      expect(p.brand).toBe(brand);
      expect(p.salePrice).not.toBeNull();
    }
    expect(screen.getByText(new RegExp(`^${names.length} piece`))).toBeInTheDocument();
  });

  it('says so when nothing matches', async () => {
    const brand = listBrands('rings').find((b) => listProducts({ category: 'rings', brand: b, onSale: true }).length === 0);
    expect(brand).toBeDefined();
    await renderCollection('rings', { brand: brand!, sale: '1' });
    expect(productNames()).toEqual([]);
    expect(screen.getByText('Nothing matches these filters.')).toBeInTheDocument();
  });

  it('ignores an unknown brand instead of showing nothing', async () => {
    await renderCollection('earrings', { brand: 'Nobody' });
    expect(productNames().length).toBeGreaterThan(0);
  });
});

function byName(name: string) {
  const product = PRODUCTS.find((p) => p.name === name);
  if (!product) throw new Error(`no product named ${name}`);
  return product;
}
