const formatters = new Map<string, Intl.NumberFormat>();

/** Major units to a display string, e.g. 1290 -> "$1,290.00". */
export function formatMoney(amount: number, currency = 'USD'): string {
  let f = formatters.get(currency);
  if (!f) {
    f = new Intl.NumberFormat('en-US', { style: 'currency', currency });
    formatters.set(currency, f);
  }
  return f.format(amount);
}
