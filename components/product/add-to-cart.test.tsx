// @vitest-environment jsdom
import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { getCartSnapshot, updateCart } from '@/lib/cart/store';
import { getProductBySlug } from '@/lib/catalog/queries';
import { AddToCart } from './add-to-cart';

const track = vi.fn();
vi.mock('@/components/tracking/use-track', () => ({ useTrack: () => track }));

const ring = getProductBySlug('aurora-solitaire-ring')!;

beforeEach(() => {
  track.mockReset();
  updateCart(() => []);
});
afterEach(cleanup);

describe('AddToCart', () => {
  it('adds the chosen quantity, says so, and adds again on a second click', async () => {
    const user = userEvent.setup();
    render(<AddToCart productId={ring.id} productName={ring.name} />);
    await user.selectOptions(screen.getByLabelText('Quantity'), '3');
    await user.click(screen.getByRole('button', { name: 'Add to cart' }));
    expect(screen.getByRole('status')).toHaveTextContent(`Added 3 × ${ring.name} to your cart.`);
    expect(getCartSnapshot()).toEqual([{ productId: ring.id, quantity: 3 }]);
    expect(track).toHaveBeenCalledWith('add_to_cart', { quantity: 3 });

    await user.click(screen.getByRole('button', { name: 'Add to cart' }));
    expect(getCartSnapshot()).toEqual([{ productId: ring.id, quantity: 6 }]);
  });

  it('offers 1 to 10 and announces nothing before the first add', () => {
    render(<AddToCart productId={ring.id} productName={ring.name} />);
    const options = screen.getAllByRole('option').map((o) => o.textContent);
    expect(options).toEqual(['1', '2', '3', '4', '5', '6', '7', '8', '9', '10']);
    expect(screen.getByRole('status')).toBeEmptyDOMElement();
  });
});
