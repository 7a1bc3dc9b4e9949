// Display helpers for the dashboard: figures as a store owner reads them.
export { formatMoney } from '@/lib/catalog/format';

export const formatCount = (n: number) => n.toLocaleString('en-US');
export const formatPercent = (ratio: number, digits = 1) => `${(ratio * 100).toFixed(digits)}%`;

/** "up 12.5%", "down 3.0%", "no change", or "new" when the previous period had none. */
export function describeChange(current: number, previous: number): { text: string; direction: 'up' | 'down' | 'flat' } {
  if (current === previous) return { text: 'no change', direction: 'flat' };
  if (previous === 0) return { text: 'new this period', direction: 'up' };
  const ratio = (current - previous) / previous;
  return { text: `${ratio > 0 ? 'up' : 'down'} ${formatPercent(Math.abs(ratio))}`, direction: ratio > 0 ? 'up' : 'down' };
}
