'use client';
import { useEffect, useState } from 'react';
import { useTrack } from '@/components/tracking/use-track';
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
  return (
    <p className={styles.receipt}>
      {order.cart.item_count} {order.cart.item_count === 1 ? 'item' : 'items'}, {formatMoney(order.cart.value, order.cart.currency)}.
      A confirmation will be sent to {order.email}.
    </p>
  );
}
