// @vitest-environment jsdom
import { cleanup, render, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { toContractCart } from '@/lib/cart/cart';
import { getCartSnapshot, updateCart } from '@/lib/cart/store';
import { getProductBySlug } from '@/lib/catalog/queries';
import { saveLastOrder } from './last-order';
import { OrderConfirmation } from './order-confirmation';

const track = vi.fn();
vi.mock('@/components/tracking/use-track', () => ({ useTrack: () => track }));

const ring = getProductBySlug('aurora-solitaire-ring')!;
const sapphire = getProductBySlug('celeste-sapphire-ring')!; // on sale
const lines = [
  { productId: ring.id, quantity: 2 },
  { productId: sapphire.id, quantity: 1 },
];
const money = (n: number) => `$${n.toLocaleString('en-US', { minimumFractionDigits: 2 })}`;

beforeEach(() => {
  track.mockReset();
  sessionStorage.clear();
  updateCart(() => lines);
});
afterEach(cleanup);

describe('OrderConfirmation', () => {
  it('shows the lines, quantities and totals of the order, records it once and empties the cart', async () => {
    const cart = toContractCart(lines)!;
    saveLastOrder({ orderId: 'LJ-ABC234', cart, email: 'ada@example.com', recorded: false });
    const { unmount } = render(<OrderConfirmation orderId="LJ-ABC234" />);
    const summary = await screen.findByRole('region', { name: 'Order summary' });
    const total = ring.listPrice * 2 + sapphire.salePrice!;
    expect(within(summary).getAllByRole('listitem').map((li) => li.textContent)).toEqual([
      `${ring.name} × 2${money(ring.listPrice * 2)}`,
      `${sapphire.name} × 1${money(sapphire.salePrice!)}`,
    ]);
    expect(summary).toHaveTextContent(`Items3`);
    expect(summary).toHaveTextContent(`Total${money(total)}`);
    expect(screen.getByText(`3 items, ${money(total)}. A confirmation will be sent to ada@example.com.`)).toBeInTheDocument();
    // The order number is the page heading's; the confirmation does not repeat it.
    expect(document.body).not.toHaveTextContent('LJ-ABC234');
    expect(track).toHaveBeenCalledExactlyOnceWith('checkout_complete', { cart, order_id: 'LJ-ABC234' });
    expect(getCartSnapshot()).toEqual([]);

    unmount();
    render(<OrderConfirmation orderId="LJ-ABC234" />);
    await screen.findByRole('region', { name: 'Order summary' });
    expect(track).toHaveBeenCalledOnce();
  });

  it('shows nothing for an order this tab did not place', () => {
    render(<OrderConfirmation orderId="LJ-ZZZ999" />);
    expect(screen.queryByRole('region')).not.toBeInTheDocument();
  });
});
