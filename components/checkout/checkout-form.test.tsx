// @vitest-environment jsdom
import { cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { updateCart } from '@/lib/cart/store';
import { getProductBySlug } from '@/lib/catalog/queries';
import { CheckoutForm } from './checkout-form';

const push = vi.fn();
const placeOrder = vi.fn();
vi.mock('next/navigation', () => ({ useRouter: () => ({ push }) }));
vi.mock('@/components/tracking/use-track', () => ({ useTrack: () => () => {} }));
// The server action runs on the server; here only its answer matters.
vi.mock('./actions', () => ({ placeOrder: (...args: unknown[]) => placeOrder(...args) }));

const ring = getProductBySlug('aurora-solitaire-ring')!;
const sapphire = getProductBySlug('celeste-sapphire-ring')!; // on sale
const field = (name: string) => screen.getByLabelText(name);

async function fill(user: ReturnType<typeof userEvent.setup>, values: Record<string, string>) {
  for (const [label, value] of Object.entries(values)) {
    await user.clear(field(label));
    if (value) await user.type(field(label), value);
  }
}

const VALID = {
  Email: 'ada@example.com',
  'Full name': 'Ada Lovelace',
  Address: '12 St James Square',
  City: 'London',
  'Postal code': 'SW1Y 4JH',
  Country: 'United Kingdom',
};

beforeEach(() => {
  push.mockReset();
  placeOrder.mockReset();
  updateCart(() => [{ productId: ring.id, quantity: 1 }]);
});
afterEach(cleanup);

describe('CheckoutForm', () => {
  it('shows an inline error beside every empty field and focuses the first one', async () => {
    const user = userEvent.setup();
    render(<CheckoutForm />);
    await user.click(screen.getByRole('button', { name: 'Place order' }));
    expect(screen.getByRole('alert')).toHaveTextContent('Please correct the highlighted fields.');
    expect(field('Email')).toHaveAccessibleDescription('Email is required');
    expect(field('Full name')).toHaveAccessibleDescription('Full name is required');
    expect(field('Postal code')).toHaveAccessibleDescription('Postal code is required');
    expect(field('Country')).toHaveAttribute('aria-invalid', 'true');
    expect(field('Email')).toHaveFocus();
    expect(placeOrder).not.toHaveBeenCalled();
  });

  it('says why a filled-in field is wrong, and only for that field', async () => {
    const user = userEvent.setup();
    render(<CheckoutForm />);
    await fill(user, { ...VALID, Email: 'ada-at-example', 'Postal code': '!' });
    await user.click(screen.getByRole('button', { name: 'Place order' }));
    expect(field('Email')).toHaveAccessibleDescription('Enter a valid email address');
    expect(field('Postal code')).toHaveAccessibleDescription('Enter a valid postal code');
    expect(field('City')).not.toHaveAttribute('aria-invalid');
    expect(field('Postal code')).not.toHaveFocus();
    expect(field('Email')).toHaveFocus();
    expect(placeOrder).not.toHaveBeenCalled();
  });

  it('places the order with the cart and goes to the confirmation page', async () => {
    placeOrder.mockResolvedValue({ ok: true, orderId: 'LJ-ABC234', cart: { items: [], item_count: 1, value: 1290, currency: 'USD' } });
    const user = userEvent.setup();
    render(<CheckoutForm />);
    await fill(user, VALID);
    await user.click(screen.getByRole('button', { name: 'Place order' }));
    await vi.waitFor(() => expect(push).toHaveBeenCalledWith('/checkout/confirmation?order=LJ-ABC234'));
    expect(placeOrder).toHaveBeenCalledWith(expect.objectContaining({ email: 'ada@example.com', country: 'United Kingdom' }), [
      { productId: ring.id, quantity: 1 },
    ]);
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });

  it("shows the server's field errors when it refuses the order", async () => {
    placeOrder.mockResolvedValue({ ok: false, errors: { city: 'City is too long' }, message: 'Please correct the highlighted fields.' });
    const user = userEvent.setup();
    render(<CheckoutForm />);
    await fill(user, VALID);
    await user.click(screen.getByRole('button', { name: 'Place order' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Please correct the highlighted fields.');
    expect(field('City')).toHaveAccessibleDescription('City is too long');
    expect(push).not.toHaveBeenCalled();
  });

  it('lists every line with its quantity and line total beside the totals', () => {
    updateCart(() => [
      { productId: ring.id, quantity: 1 },
      { productId: sapphire.id, quantity: 2 },
    ]);
    render(<CheckoutForm />);
    const summary = screen.getByRole('region', { name: 'Order summary' });
    const items = within(summary).getAllByRole('listitem').map((li) => li.textContent);
    const money = (n: number) => `$${n.toLocaleString('en-US', { minimumFractionDigits: 2 })}`;
    expect(items).toEqual([`${ring.name} × 1${money(ring.listPrice)}`, `${sapphire.name} × 2${money(sapphire.salePrice! * 2)}`]);
    expect(summary).toHaveTextContent(`Items3`);
    expect(summary).toHaveTextContent(`Total${money(ring.listPrice + sapphire.salePrice! * 2)}`);
  });

  it('has nothing to check out when the cart is empty', () => {
    updateCart(() => []);
    render(<CheckoutForm />);
    expect(screen.getByText(/Your cart is empty/)).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Place order' })).not.toBeInTheDocument();
  });
});
