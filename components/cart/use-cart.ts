'use client';
import { useSyncExternalStore } from 'react';
import { getCartSnapshot, getServerCartSnapshot, subscribeCart } from '@/lib/cart/store';
import type { CartLine } from '@/lib/cart/types';

/** The persisted cart; empty during server rendering and hydration. */
export function useCart(): CartLine[] {
  return useSyncExternalStore(subscribeCart, getCartSnapshot, getServerCartSnapshot);
}

const subscribeNothing = () => () => {};

/** False during server rendering and hydration, when the stored cart cannot be known yet. */
export function useHydrated(): boolean {
  return useSyncExternalStore(subscribeNothing, () => true, () => false);
}
