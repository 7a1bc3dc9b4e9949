'use client';
import { useId, useState } from 'react';
import { useHydrated } from '@/components/cart/use-cart';
import { useTrack } from '@/components/tracking/use-track';
import { addToCart } from '@/lib/cart/cart';
import { updateCart } from '@/lib/cart/store';
import { MAX_LINE_QUANTITY } from '@/lib/cart/types';
import styles from './product.module.css';

export function AddToCart({ productId, productName }: { productId: string; productName: string }) {
  const track = useTrack();
  const id = useId();
  const [quantity, setQuantity] = useState(1);
  const [added, setAdded] = useState<number | null>(null);
  // Before hydration a click would be lost: the button waits for the page to be ready.
  const ready = useHydrated();

  function add() {
    updateCart((lines) => addToCart(lines, productId, quantity));
    track('add_to_cart', { quantity });
    setAdded(quantity);
  }

  return (
    <div className={styles.buy}>
      <label htmlFor={id} className={styles.qtyLabel}>
        Quantity
      </label>
      <select id={id} value={quantity} onChange={(e) => setQuantity(Number(e.target.value))} className={styles.qtySelect}>
        {Array.from({ length: MAX_LINE_QUANTITY }, (_, i) => i + 1).map((n) => (
          <option key={n} value={n}>
            {n}
          </option>
        ))}
      </select>
      <button type="button" className="button button-primary" onClick={add} disabled={!ready}>
        Add to cart
      </button>
      <p role="status" className={styles.added}>
        {added ? `Added ${added} × ${productName} to your cart.` : null}
      </p>
    </div>
  );
}
