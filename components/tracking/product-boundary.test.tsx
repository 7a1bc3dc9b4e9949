// @vitest-environment jsdom
import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { StrictMode } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { wireEventSchema } from '@/lib/contract/events';
import { resetBrowserState, scriptedEndpoint } from '@/lib/clickstream/test-helpers';
import type { TrackedProduct } from '@/lib/clickstream/types';
import { ProductBoundary } from './product-boundary';
import { TrackingProvider } from './tracking-provider';
import { useTrack } from './use-track';

vi.mock('next/navigation', () => ({
  usePathname: () => location.pathname,
  useSearchParams: () => new URLSearchParams(location.search),
}));

const RING: TrackedProduct = {
  id: 'aurora-ring', name: 'Aurora Solitaire Ring', category: 'rings', brand: 'Aurelia',
  price: 1290, discountPrice: null, urlPath: '/products/aurora-ring', currency: 'USD',
};
const PEARLS: TrackedProduct = { ...RING, id: 'pearls', name: 'Pearl Strand', category: 'necklaces', price: 980, discountPrice: 790, urlPath: '/products/pearls' };

function AddButton({ other }: { other?: TrackedProduct }) {
  const track = useTrack();
  return (
    <button type="button" onClick={() => track('add_to_cart', { quantity: 2 }, other)}>
      Add {other?.name ?? 'this'}
    </button>
  );
}

const page = (product: TrackedProduct) => (
  <StrictMode>
    <TrackingProvider>
      <ProductBoundary product={product}>
        <h1>{product.name}</h1>
        <AddButton />
        <AddButton other={PEARLS} />
      </ProductBoundary>
    </TrackingProvider>
  </StrictMode>
);

let api: ReturnType<typeof scriptedEndpoint>;

beforeEach(() => {
  resetBrowserState();
  api = scriptedEndpoint();
});
afterEach(cleanup);

describe('ProductBoundary', () => {
  it('records product_view once per product shown, and gives events inside it the product shown', async () => {
    history.pushState(null, '', RING.urlPath);
    const { rerender } = render(page(RING));
    await userEvent.click(screen.getByRole('button', { name: 'Add this' }));
    await userEvent.click(screen.getByRole('button', { name: `Add ${PEARLS.name}` }));
    rerender(page(RING));
    await vi.waitFor(() => expect(api.named('add_to_cart')).toHaveLength(2), { timeout: 3000 });

    expect(api.named('product_view')).toHaveLength(1);
    const shown = {
      context_product_id: RING.id,
      context_product_name: screen.getByRole('heading').textContent,
      context_product_category: 'rings',
      context_product_brand: 'Aurelia',
      context_product_price: 1290,
      context_product_url_path: RING.urlPath,
      currency: 'USD',
    };
    expect(api.named('product_view')[0]).toMatchObject(shown);
    // The page's own page_view is emitted outside the boundary and still carries the product.
    expect(api.named('page_view')[0]).toMatchObject(shown);
    const [add, other] = api.named('add_to_cart');
    expect(add).toMatchObject({ ...shown, quantity: 2 });
    // A product named explicitly (a cart line's) wins over the page's.
    expect(other).toMatchObject({ context_product_id: 'pearls', context_product_discount_price: 790, quantity: 2 });
    for (const e of api.events()) expect(wireEventSchema.safeParse(e).success).toBe(true);

    history.pushState(null, '', PEARLS.urlPath);
    rerender(page(PEARLS));
    await vi.waitFor(() => expect(api.named('product_view')).toHaveLength(2), { timeout: 3000 });
    expect(api.named('product_view')[1].context_product_id).toBe('pearls');
    expect(api.named('page_view').at(-1)).toMatchObject({ page_path: '/products/pearls', context_product_id: 'pearls' });
  });

  it('leaves product fields out of events on other pages', async () => {
    history.pushState(null, '', '/cart');
    render(page(RING));
    await vi.waitFor(() => expect(api.named('page_view').length).toBeGreaterThan(0), { timeout: 3000 });
    expect(api.named('page_view').at(-1)!.context_product_id).toBeUndefined();
  });
});
