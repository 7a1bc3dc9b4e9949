'use client';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useEffect, useRef, useState, useTransition, type FormEvent } from 'react';
import { useCart, useHydrated } from '@/components/cart/use-cart';
import { CartSummaryBox } from '@/components/cart/cart-summary';
import { useTrack } from '@/components/tracking/use-track';
import { orderLines, summarizeCart, toContractCart } from '@/lib/cart/cart';
import { SHIPPING_FIELDS, validateShipping, type FieldErrors } from '@/lib/checkout/schema';
import { placeOrder } from './actions';
import { saveLastOrder } from './last-order';
import styles from './checkout.module.css';

export function CheckoutForm() {
  const lines = useCart();
  const track = useTrack();
  const router = useRouter();
  const [errors, setErrors] = useState<FieldErrors>({});
  const [message, setMessage] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const started = useRef(false);
  const hydrated = useHydrated();
  const cart = toContractCart(lines);

  useEffect(() => {
    // Once per visit, as soon as the stored cart is known to be non-empty.
    if (!cart || started.current) return;
    started.current = true;
    track('checkout_start', { cart });
  }, [cart, track]);

  if (!hydrated) return <p>Loading your cart…</p>;
  if (!cart) {
    return (
      <div className={styles.empty}>
        <p>Your cart is empty, so there is nothing to check out yet.</p>
        <Link href="/" className="button button-primary">
          Continue shopping
        </Link>
      </div>
    );
  }

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const values = Object.fromEntries(new FormData(event.currentTarget));
    const checked = validateShipping(values);
    if (!checked.ok) {
      setErrors(checked.errors);
      setMessage('Please correct the highlighted fields.');
      const first = SHIPPING_FIELDS.find((f) => checked.errors[f.name]);
      if (first) document.getElementById(`checkout-${first.name}`)?.focus();
      return;
    }
    setErrors({});
    setMessage(null);
    startTransition(async () => {
      const result = await placeOrder(checked.data, lines);
      if (!result.ok) {
        setErrors(result.errors);
        setMessage(result.message ?? 'The order could not be placed.');
        return;
      }
      saveLastOrder({ orderId: result.orderId, cart: result.cart, email: checked.data.email, recorded: false });
      router.push(`/checkout/confirmation?order=${encodeURIComponent(result.orderId)}`);
    });
  }

  return (
    <div className={styles.layout}>
      <form noValidate onSubmit={submit} className={styles.form} aria-labelledby="shipping-heading">
        <h2 id="shipping-heading">Shipping details</h2>
        {message ? (
          <p role="alert" className={styles.alert}>
            {message}
          </p>
        ) : null}
        {SHIPPING_FIELDS.map((field) => {
          const id = `checkout-${field.name}`;
          const error = errors[field.name];
          return (
            <div key={field.name} className={styles.field}>
              <label htmlFor={id}>{field.label}</label>
              <input
                id={id}
                name={field.name}
                type={field.type ?? 'text'}
                autoComplete={field.autoComplete}
                required
                aria-invalid={error ? true : undefined}
                aria-describedby={error ? `${id}-error` : undefined}
              />
              {error ? (
                <p id={`${id}-error`} className={styles.error}>
                  {error}
                </p>
              ) : null}
            </div>
          );
        })}
        <button type="submit" className="button button-primary button-block" disabled={pending}>
          {pending ? 'Placing order…' : 'Place order'}
        </button>
      </form>
      <CartSummaryBox summary={summarizeCart(lines)} lines={orderLines(cart)} />
    </div>
  );
}
