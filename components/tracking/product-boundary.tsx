'use client';
// INTERFACE PLACEHOLDER: the tracker helper replaces the body; the exported name and props stay.
// Wraps a product page: emits product_view once per product shown, and every event recorded
// inside it carries this product's context_product_* fields.
import type { ReactNode } from 'react';
import type { TrackedProduct } from '@/lib/clickstream/types';

export function ProductBoundary({ children }: { product: TrackedProduct; children: ReactNode }) {
  return children;
}
