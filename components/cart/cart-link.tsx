'use client';
import Link from 'next/link';
import { countItems } from '@/lib/cart/cart';
import { useCart } from './use-cart';

export function CartLink({ className }: { className?: string }) {
  const count = countItems(useCart());
  return (
    <Link href="/cart" className={className}>
      Cart ({count})
    </Link>
  );
}
