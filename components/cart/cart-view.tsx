'use client';
import Link from 'next/link';
import { useTrack } from '@/components/tracking/use-track';
import { removeLine, resolveLines, setQuantity, summarizeCart, type ResolvedLine } from '@/lib/cart/cart';
import { updateCart } from '@/lib/cart/store';
import { toTrackedProduct } from '@/lib/catalog/tracked';
import { CartLineItem } from './cart-line';
import { CartSummaryBox } from './cart-summary';
import { useCart, useHydrated } from './use-cart';
import styles from './cart.module.css';

export function CartView() {
  const lines = useCart();
  const track = useTrack();
  // The server cannot see localStorage: say "loading" rather than "empty" until hydrated.
  const hydrated = useHydrated();
  const resolved = resolveLines(lines);

  function changeQuantity(line: ResolvedLine, quantity: number) {
    const next = Math.max(0, quantity);
    updateCart((current) => setQuantity(current, line.productId, next));
    const product = toTrackedProduct(line.product);
    if (next < line.quantity) track('remove_from_cart', { quantity: line.quantity - next }, product);
    else if (next > line.quantity) track('add_to_cart', { quantity: next - line.quantity }, product);
  }

  function remove(line: ResolvedLine) {
    updateCart((current) => removeLine(current, line.productId));
    track('remove_from_cart', { quantity: line.quantity }, toTrackedProduct(line.product));
  }

  if (!hydrated) return <p className={styles.empty}>Loading your cart…</p>;
  if (resolved.length === 0) {
    return (
      <div className={styles.empty}>
        <p>Your cart is empty.</p>
        <Link href="/" className="button button-primary">
          Continue shopping
        </Link>
      </div>
    );
  }
  return (
    <div className={styles.layout}>
      <ul className={styles.lines} aria-label="Items in your cart">
        {resolved.map((line) => (
          <CartLineItem key={line.productId} line={line} onQuantity={changeQuantity} onRemove={remove} />
        ))}
      </ul>
      <CartSummaryBox summary={summarizeCart(lines)}>
        <Link href="/checkout" className="button button-primary button-block">
          Checkout
        </Link>
      </CartSummaryBox>
    </div>
  );
}
