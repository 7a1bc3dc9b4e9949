import { describe, expect, it } from 'vitest';
import { placeOrder } from '@/components/checkout/actions';
import { getProductBySlug } from '@/lib/catalog/queries';
import { ORDER_NUMBER_PATTERN } from './order';
import { VALID_SHIPPING } from './test-fixtures';

const sapphire = getProductBySlug('celeste-sapphire-ring')!; // $980 -> $790

// The server action is the check that counts: the browser's validation can be skipped.
describe('placeOrder (server)', () => {
  it('refuses bad shipping details, naming each field', async () => {
    const r = await placeOrder({ ...VALID_SHIPPING, email: 'nope', city: '' }, [{ productId: sapphire.id, quantity: 1 }]);
    expect(r).toEqual({
      ok: false,
      errors: { email: 'Enter a valid email address', city: 'City is required' },
      message: 'Please correct the highlighted fields.',
    });
  });

  it('refuses an empty or forged cart', async () => {
    expect(await placeOrder(VALID_SHIPPING, [])).toMatchObject({ ok: false, message: 'Your cart is empty.' });
    expect(await placeOrder(VALID_SHIPPING, [{ productId: 'free-diamonds', quantity: 3 }])).toMatchObject({ ok: false });
  });

  it('creates an order number and prices the cart from the catalog, not the browser', async () => {
    const r = await placeOrder(VALID_SHIPPING, [{ productId: sapphire.id, quantity: 2, unitPrice: 1 }]);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.orderId).toMatch(ORDER_NUMBER_PATTERN);
    expect(r.cart).toEqual({ items: [{ product_id: sapphire.id, quantity: 2, unit_price: 790 }], item_count: 2, value: 1580, currency: 'USD' });
  });
});
