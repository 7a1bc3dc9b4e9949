import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { OrderConfirmation } from '@/components/checkout/order-confirmation';
import { ORDER_NUMBER_PATTERN } from '@/lib/checkout/order';

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export const metadata: Metadata = { title: 'Order confirmed' };

export default async function ConfirmationPage({ searchParams }: Props) {
  const raw = (await searchParams).order;
  const orderId = Array.isArray(raw) ? raw[0] : raw;
  if (!orderId || !ORDER_NUMBER_PATTERN.test(orderId)) notFound();
  return (
    <>
      <h1>Thank you! Your order {orderId} is confirmed.</h1>
      <OrderConfirmation orderId={orderId} />
      <Link href="/" className="button button-primary">
        Continue shopping
      </Link>
    </>
  );
}
