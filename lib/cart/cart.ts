import type { ContractCart } from '@/lib/contract/events';
import { getProductById, effectivePrice } from '@/lib/catalog/queries';
import type { Product } from '@/lib/catalog/types';
import { MAX_LINE_QUANTITY, type CartLine } from './types';

const clampQuantity = (q: number) => Math.max(0, Math.min(MAX_LINE_QUANTITY, Math.floor(q)));
// Sums of cents stay exact; sums of dollar floats do not.
const roundMoney = (n: number) => Math.round(n * 100) / 100;

export function addToCart(lines: CartLine[], productId: string, quantity: number): CartLine[] {
  const existing = lines.find((l) => l.productId === productId);
  if (!existing) return quantity > 0 ? [...lines, { productId, quantity: clampQuantity(quantity) }] : lines;
  return setQuantity(lines, productId, existing.quantity + quantity);
}

export function setQuantity(lines: CartLine[], productId: string, quantity: number): CartLine[] {
  const q = clampQuantity(quantity);
  if (q === 0) return removeLine(lines, productId);
  return lines.map((l) => (l.productId === productId ? { ...l, quantity: q } : l));
}

export function removeLine(lines: CartLine[], productId: string): CartLine[] {
  return lines.filter((l) => l.productId !== productId);
}

export type ResolvedLine = CartLine & { product: Product; unitPrice: number; lineTotal: number };

/** Joins lines to the catalog, dropping products that no longer exist. */
export function resolveLines(lines: CartLine[]): ResolvedLine[] {
  return lines.flatMap((line) => {
    const product = getProductById(line.productId);
    if (!product || line.quantity < 1) return [];
    const unitPrice = effectivePrice(product);
    return [{ ...line, product, unitPrice, lineTotal: roundMoney(unitPrice * line.quantity) }];
  });
}

export type CartSummary = { itemCount: number; subtotal: number; savings: number; total: number; currency: 'USD' };

/** subtotal is at list prices, savings what the sale prices take off, total what the shopper pays. */
export function summarizeCart(lines: CartLine[]): CartSummary {
  const resolved = resolveLines(lines);
  const cents = (n: number) => Math.round(n * 100);
  const subtotal = resolved.reduce((sum, l) => sum + cents(l.product.listPrice) * l.quantity, 0);
  const total = resolved.reduce((sum, l) => sum + cents(l.unitPrice) * l.quantity, 0);
  return {
    itemCount: resolved.reduce((sum, l) => sum + l.quantity, 0),
    subtotal: subtotal / 100,
    savings: (subtotal - total) / 100,
    total: total / 100,
    currency: 'USD',
  };
}

export function countItems(lines: CartLine[]): number {
  return lines.reduce((sum, l) => sum + (l.quantity > 0 ? l.quantity : 0), 0);
}

/** The cart as the clickstream contract describes it; null when empty (the contract needs >= 1 item). */
export function toContractCart(lines: CartLine[]): ContractCart | null {
  const resolved = resolveLines(lines);
  if (resolved.length === 0) return null;
  const summary = summarizeCart(lines);
  return {
    items: resolved.map((l) => ({ product_id: l.product.id, quantity: l.quantity, unit_price: l.unitPrice })),
    item_count: summary.itemCount,
    value: summary.total,
    currency: summary.currency,
  };
}

export type OrderLine = { productId: string; name: string; quantity: number; lineTotal: number };

/** An order's lines as a summary lists them: named from the catalog, priced as the order has them. */
export function orderLines(cart: ContractCart): OrderLine[] {
  return cart.items.map((item) => ({
    productId: item.product_id,
    name: getProductById(item.product_id)?.name ?? item.product_id,
    quantity: item.quantity,
    lineTotal: roundMoney(item.unit_price * item.quantity),
  }));
}

/** The cart lines an order was placed for. */
export const linesOf = (cart: ContractCart): CartLine[] => cart.items.map((i) => ({ productId: i.product_id, quantity: i.quantity }));

/** Accepts only well-formed lines: storage and server input are untrusted. */
export function sanitizeLines(value: unknown): CartLine[] {
  if (!Array.isArray(value)) return [];
  const out: CartLine[] = [];
  for (const item of value) {
    if (!item || typeof item !== 'object') continue;
    const { productId, quantity } = item as Record<string, unknown>;
    if (typeof productId !== 'string' || typeof quantity !== 'number' || !Number.isFinite(quantity)) continue;
    const q = clampQuantity(quantity);
    if (q > 0 && getProductById(productId) && !out.some((l) => l.productId === productId)) out.push({ productId, quantity: q });
  }
  return out;
}
