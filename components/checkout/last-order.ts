'use client';
import type { ContractCart } from '@/lib/contract/events';

// Hand-over from the checkout form to the confirmation page, for this tab only.
const KEY = 'lumen-last-order';

export type LastOrder = { orderId: string; cart: ContractCart; email: string; recorded: boolean };

export function saveLastOrder(order: LastOrder): void {
  try {
    window.sessionStorage.setItem(KEY, JSON.stringify(order));
  } catch {
    // Storage unavailable: the confirmation still shows the order number from the URL.
  }
}

export function readLastOrder(): LastOrder | null {
  try {
    const raw = window.sessionStorage.getItem(KEY);
    return raw ? (JSON.parse(raw) as LastOrder) : null;
  } catch {
    return null;
  }
}
