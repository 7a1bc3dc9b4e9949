'use client';
import { useEffect, useState } from 'react';
import { CartSummaryBox } from '@/components/cart/cart-summary';
import { useTrack } from '@/components/tracking/use-track';
import { linesOf, orderLines, summarizeCart } from '@/lib/cart/cart';
import { clearCart } from '@/lib/cart/store';
import { formatMoney } from '@/lib/catalog/format';
import { readLastOrder, saveLastOrder, type LastOrder } from './last-order';
import styles from './checkout.module.css';

/** Records the purchase once (a reload or back/forward does not record it again) and empties the cart. */
export function OrderConfirmation({ orderId }: { orderId: string }) {
  const track = useTrack();
  const [order, setOrder] = useState<LastOrder | null>(null);

  useEffect(() => {
    const last = readLastOrder();
    if (!last || last.orderId !== orderId) return;
    if (!last.recorded) {
      saveLastOrder({ ...last, recorded: true });
      track('checkout_complete', { cart: last.cart, order_id: last.orderId });
      clearCart();
    }
    queueMicrotask(() => setOrder(last));
  }, [orderId, track]);

  if (!order) return null;
  const { cart } = order;
  return (
    <div className={styles.confirmation}>
      <p className={styles.receipt}>
        {cart.item_count} {cart.item_count === 1 ? 'item' : 'items'}, {formatMoney(cart.value, cart.currency)}. A confirmation will be
        sent to {order.email}.
      </p>
      <CartSummaryBox summary={summarizeCart(linesOf(cart))} lines={orderLines(cart)} />
    </div>
  );
}
