import type { ContractCart, EventName } from '@/lib/contract/events';

/** The product shown on a product page, as the shopper sees it. */
export type TrackedProduct = {
  id: string;
  name: string;
  category: string;
  brand: string;
  /** List price in major units. */
  price: number;
  /** Sale price in major units, or null when not discounted. */
  discountPrice: number | null;
  urlPath: string;
  currency: string;
};

/** The event-specific fields a component may add; identity, page and product context are filled in by the tracker. */
export type TrackExtras = {
  quantity?: number;
  cart?: ContractCart;
  order_id?: string;
  search_term?: string;
  result_count?: number;
};

/** Records one event. `product` overrides the product boundary's context (e.g. a cart line's product). */
export type Track = (name: EventName, extras?: TrackExtras, product?: TrackedProduct) => void;
