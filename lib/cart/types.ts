/** What the cart stores: prices are looked up in the catalog, so a stale tab never charges old prices. */
export type CartLine = { productId: string; quantity: number };

export const MAX_LINE_QUANTITY = 10;
