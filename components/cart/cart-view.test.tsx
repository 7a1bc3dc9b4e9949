// @vitest-environment jsdom
import { cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { updateCart } from '@/lib/cart/store';
import { getProductBySlug } from '@/lib/catalog/queries';
import { CartView } from './cart-view';

const track = vi.fn();
vi.mock('@/components/tracking/use-track', () => ({ useTrack: () => track }));

const ring = getProductBySlug('aurora-solitaire-ring')!; // $1,290, not on sale
const sapphire = getProductBySlug('celeste-sapphire-ring')!; // $980 -> $790

const stored = () => JSON.parse(window.localStorage.getItem('lumen-cart-v1') ?? '[]');
const summary = () => within(screen.getByRole('region', { name: 'Order summary' }));

beforeEach(() => {
  track.mockReset();
  updateCart(() => [
    { productId: ring.id, quantity: 1 },
    { productId: sapphire.id, quantity: 2 },
  ]);
});
afterEach(cleanup);

describe('CartView', () => {
  it('shows each line, the subtotal at list prices, the savings and the total', () => {
    render(<CartView />);
    expect(screen.getByRole('link', { name: ring.name })).toHaveAttribute('href', `/products/${ring.slug}`);
    expect(summary().getByText('Subtotal').nextSibling).toHaveTextContent('$3,250.00');
    expect(summary().getByText('Savings').nextSibling).toHaveTextContent('$380.00');
    expect(summary().getByText('Total').nextSibling).toHaveTextContent('$2,870.00');
    expect(screen.getByRole('link', { name: 'Checkout' })).toHaveAttribute('href', '/checkout');
  });

  it('changes a quantity, updates the totals and keeps the change in storage', async () => {
    const user = userEvent.setup();
    render(<CartView />);
    await user.click(screen.getByRole('button', { name: `Increase quantity of ${ring.name}` }));
    expect(within(screen.getByRole('group', { name: `Quantity of ${ring.name}` })).getByText('2')).toBeInTheDocument();
    expect(summary().getByText('Total').nextSibling).toHaveTextContent('$4,160.00');
    expect(stored()).toContainEqual({ productId: ring.id, quantity: 2 });

    await user.click(screen.getByRole('button', { name: `Decrease quantity of ${sapphire.name}` }));
    expect(stored()).toContainEqual({ productId: sapphire.id, quantity: 1 });
    expect(track).toHaveBeenLastCalledWith('remove_from_cart', { quantity: 1 }, expect.objectContaining({ id: sapphire.id }));
  });

  it('removes a line with its "Remove <name>" button, then shows the empty cart', async () => {
    const user = userEvent.setup();
    render(<CartView />);
    await user.click(screen.getByRole('button', { name: `Remove ${sapphire.name}` }));
    expect(screen.queryByRole('link', { name: sapphire.name })).not.toBeInTheDocument();
    expect(summary().getByText('Total').nextSibling).toHaveTextContent('$1,290.00');
    expect(screen.queryByText('Savings')).not.toBeInTheDocument();
    expect(track).toHaveBeenLastCalledWith('remove_from_cart', { quantity: 2 }, expect.objectContaining({ id: sapphire.id }));

    await user.click(screen.getByRole('button', { name: `Remove ${ring.name}` }));
    expect(screen.getByText('Your cart is empty.')).toBeInTheDocument();
    expect(stored()).toEqual([]);
  });

  it('lowering a quantity to zero removes the line', async () => {
    const user = userEvent.setup();
    render(<CartView />);
    await user.click(screen.getByRole('button', { name: `Decrease quantity of ${ring.name}` }));
    expect(screen.queryByRole('button', { name: `Remove ${ring.name}` })).not.toBeInTheDocument();
    expect(stored()).toEqual([{ productId: sapphire.id, quantity: 2 }]);
  });
});
