'use server';
import type { ContractCart } from '@/lib/contract/events';
import { sanitizeLines, toContractCart } from '@/lib/cart/cart';
import { newOrderNumber } from '@/lib/checkout/order';
import { validateShipping, type FieldErrors } from '@/lib/checkout/schema';

export type PlaceOrderResult =
  | { ok: true; orderId: string; cart: ContractCart }
  | { ok: false; errors: FieldErrors; message?: string };

/** The server's own check: the browser's validation is a courtesy, this one decides. */
export async function placeOrder(shipping: unknown, lines: unknown): Promise<PlaceOrderResult> {
  const checked = validateShipping(shipping);
  if (!checked.ok) return { ok: false, errors: checked.errors, message: 'Please correct the highlighted fields.' };
  // Prices come from the catalog here, never from the browser.
  const cart = toContractCart(sanitizeLines(lines));
  if (!cart) return { ok: false, errors: {}, message: 'Your cart is empty.' };
  return { ok: true, orderId: newOrderNumber(), cart };
}
