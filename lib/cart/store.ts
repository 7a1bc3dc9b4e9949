// The browser's cart: localStorage-backed, shared across tabs, read through useSyncExternalStore.
import { sanitizeLines } from './cart';
import type { CartLine } from './types';

const KEY = 'lumen-cart-v1';
const EMPTY: CartLine[] = [];
const listeners = new Set<() => void>();
let current: CartLine[] | null = null;

function read(): CartLine[] {
  try {
    return sanitizeLines(JSON.parse(window.localStorage.getItem(KEY) ?? '[]'));
  } catch {
    return EMPTY;
  }
}

export function getCartSnapshot(): CartLine[] {
  if (current === null) current = read();
  return current;
}

export const getServerCartSnapshot = (): CartLine[] => EMPTY;

function onStorage(event: StorageEvent) {
  if (event.key !== KEY) return;
  current = read();
  listeners.forEach((l) => l());
}

export function subscribeCart(listener: () => void): () => void {
  if (listeners.size === 0) window.addEventListener('storage', onStorage);
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0) window.removeEventListener('storage', onStorage);
  };
}

export function updateCart(change: (lines: CartLine[]) => CartLine[]): void {
  current = change(getCartSnapshot());
  try {
    window.localStorage.setItem(KEY, JSON.stringify(current));
  } catch {
    // Private mode or a full quota: the cart still works for this page view.
  }
  listeners.forEach((l) => l());
}

export const clearCart = () => updateCart(() => EMPTY);
