// @vitest-environment jsdom
import { act, cleanup, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { updateCart } from '@/lib/cart/store';
import { getProductBySlug } from '@/lib/catalog/queries';
import { CartLink } from './cart-link';

const ring = getProductBySlug('aurora-solitaire-ring')!;
const sapphire = getProductBySlug('celeste-sapphire-ring')!;

beforeEach(() => updateCart(() => []));
afterEach(cleanup);

describe('CartLink', () => {
  it('shows the number of items, not lines, and follows changes', () => {
    updateCart(() => [
      { productId: ring.id, quantity: 2 },
      { productId: sapphire.id, quantity: 1 },
    ]);
    render(<CartLink />);
    expect(screen.getByRole('link', { name: 'Cart (3)' })).toHaveAttribute('href', '/cart');
    act(() => updateCart(() => [{ productId: ring.id, quantity: 1 }]));
    expect(screen.getByRole('link', { name: 'Cart (1)' })).toBeInTheDocument();
  });

  it('follows a change made in another tab', () => {
    render(<CartLink />);
    expect(screen.getByRole('link', { name: 'Cart (0)' })).toBeInTheDocument();
    const value = JSON.stringify([{ productId: sapphire.id, quantity: 4 }]);
    window.localStorage.setItem('lumen-cart-v1', value);
    act(() => {
      window.dispatchEvent(new StorageEvent('storage', { key: 'lumen-cart-v1', newValue: value }));
    });
    expect(screen.getByRole('link', { name: 'Cart (4)' })).toBeInTheDocument();
  });
});
