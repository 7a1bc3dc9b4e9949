import { describe, expect, it } from 'vitest';
import { cartSchema } from '@/lib/contract/events';
import { getProductBySlug } from '@/lib/catalog/queries';
import { addToCart, countItems, linesOf, orderLines, removeLine, sanitizeLines, setQuantity, summarizeCart, toContractCart } from './cart';

const ring = getProductBySlug('aurora-solitaire-ring')!; // 1290, not on sale
const sapphire = getProductBySlug('celeste-sapphire-ring')!; // 980 -> 790

describe('cart math', () => {
  it('adds, merges, changes and removes lines', () => {
    let lines = addToCart([], ring.id, 1);
    lines = addToCart(lines, sapphire.id, 2);
    lines = addToCart(lines, ring.id, 2);
    expect(lines).toEqual([
      { productId: ring.id, quantity: 3 },
      { productId: sapphire.id, quantity: 2 },
    ]);
    expect(countItems(lines)).toBe(5);
    lines = setQuantity(lines, ring.id, 1);
    expect(lines[0].quantity).toBe(1);
    expect(setQuantity(lines, ring.id, 0)).toEqual([{ productId: sapphire.id, quantity: 2 }]);
    expect(removeLine(lines, sapphire.id)).toEqual([{ productId: ring.id, quantity: 1 }]);
    expect(setQuantity(lines, ring.id, 500)[0].quantity).toBe(10);
  });

  it('sums subtotal at list price, savings and total', () => {
    const s = summarizeCart([
      { productId: ring.id, quantity: 1 },
      { productId: sapphire.id, quantity: 2 },
    ]);
    expect(s).toEqual({ itemCount: 3, subtotal: 3250, savings: 380, total: 2870, currency: 'USD' });
    expect(summarizeCart([])).toMatchObject({ itemCount: 0, total: 0, savings: 0 });
  });

  it('makes the contract cart with sale prices applied', () => {
    const cart = toContractCart([
      { productId: ring.id, quantity: 1 },
      { productId: sapphire.id, quantity: 2 },
    ]);
    expect(cart).toEqual({
      items: [
        { product_id: ring.id, quantity: 1, unit_price: 1290 },
        { product_id: sapphire.id, quantity: 2, unit_price: 790 },
      ],
      item_count: 3,
      value: 2870,
      currency: 'USD',
    });
    expect(cartSchema.safeParse(cart).success).toBe(true);
    expect(toContractCart([])).toBeNull();
  });

  it('drops malformed or unknown stored lines', () => {
    expect(sanitizeLines('x')).toEqual([]);
    expect(
      sanitizeLines([{ productId: ring.id, quantity: 2 }, { productId: 'gone', quantity: 1 }, { productId: ring.id, quantity: 1 }, null, { productId: sapphire.id, quantity: 0 }]),
    ).toEqual([{ productId: ring.id, quantity: 2 }]);
  });
});

describe('order lines', () => {
  it("names each line from the catalog and prices it as the order has it", () => {
    const lines = [
      { productId: ring.id, quantity: 1 },
      { productId: sapphire.id, quantity: 3 },
    ];
    const cart = toContractCart(lines)!;
    expect(orderLines(cart)).toEqual([
      { productId: ring.id, name: ring.name, quantity: 1, lineTotal: ring.listPrice },
      { productId: sapphire.id, name: sapphire.name, quantity: 3, lineTotal: sapphire.salePrice! * 3 },
    ]);
    expect(linesOf(cart)).toEqual(lines);
  });
});
