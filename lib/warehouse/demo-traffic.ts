// Believable stored events for demos and benchmarks: shoppers who come back, browse, search, fill
// carts, check out and sign in, as the tracker would send them and the ingestion would store them.
import { CATEGORY_INFO, PRODUCTS } from '@/lib/catalog/data';
import { effectivePrice, searchProducts } from '@/lib/catalog/queries';
import { toTrackedProduct } from '@/lib/catalog/tracked';
import type { Product } from '@/lib/catalog/types';
import { storedEventSchema, type ContractCart, type EventName, type StoredEvent, type WireEvent } from '@/lib/contract/events';
import { enrich, parseUserAgent, type ParsedAgent } from '@/lib/ingest/enrich';
import { arrivalsAt, DEVICES, PLACES, random, SEARCH_TERMS, type Arrival, type Device, type Place, type Random, type Weighted } from './demo-world';

export type DemoOptions = { events: number; days: number; seed: number; now: Date };

const ORIGIN = 'https://lumen.example';
const DAY_MS = 86_400_000;
const CATEGORIES = Object.keys(CATEGORY_INFO) as (keyof typeof CATEGORY_INFO)[];

type Client = { id: string; device: Device; agent: ParsedAgent; place: Place; timezone: string; screen: readonly [number, number]; ip: string; userId: string | null; signInSession: number };
type Page = { path: string; query?: string; title: string };

/** Yields the events of one session at a time until `events` are out, each checked against the contract. */
export function* demoTraffic(options: DemoOptions): Generator<StoredEvent[]> {
  const rng = random(options.seed);
  // A fixed order of popularity, not the catalog's (where rings come first).
  const byPopularity = [...PRODUCTS].sort((a, b) => spread(a.id) - spread(b.id));
  const popularity: Weighted<Product> = byPopularity.map((product, rank) => [product, 1 / (rank + 1) ** 0.7]);
  const agents = new Map<string, ParsedAgent>();
  const accounts: string[] = [];
  let left = options.events;
  while (left > 0) {
    const device = rng.weighted(DEVICES);
    if (!agents.has(device.userAgent)) agents.set(device.userAgent, parseUserAgent(device.userAgent));
    const place = rng.weighted(PLACES);
    const visits = rng.weighted([[1, 62], [2, 20], [3, 9], [4, 5], [6, 4]] as const);
    const client: Client = {
      id: rng.uuid(), device, agent: agents.get(device.userAgent)!, place, timezone: rng.pick(place.timezones),
      screen: rng.pick(device.screens), ip: `${11 + rng.int(180)}.${rng.int(256)}.${rng.int(256)}.0`,
      // About a third hold an account: signed in on arrival (-1) or signing in during one of their visits.
      userId: rng.chance(0.33) ? account(rng, accounts) : null, signInSession: rng.chance(0.2) ? -1 : rng.int(visits),
    };
    // Times as offsets into the window, so that one seed gives the same events whenever it runs.
    const from = options.now.getTime() - options.days * DAY_MS;
    for (let visit = 0, offset = sessionOffset(rng, options.days); visit < visits && left > 0 && offset < options.days * DAY_MS - 3_600_000; visit += 1) {
      const events = session(rng, client, visit, from + offset, popularity, rng.weighted(arrivalsAt(offset / (options.days * DAY_MS)))).slice(0, left);
      left -= events.length;
      yield events;
      offset += 3_600_000 + rng.next() * 9 * DAY_MS;
    }
  }
}

function spread(id: string): number {
  let hash = 7;
  for (const char of id) hash = (hash * 31 + char.charCodeAt(0)) % 1_000_003;
  return hash;
}

// Some shoppers sign in from a second device: two clients, one shopper once stitched.
function account(rng: Random, accounts: string[]): string {
  if (accounts.length && rng.chance(0.15)) return rng.pick(accounts);
  const id = rng.uuid();
  if (accounts.length < 10_000) accounts.push(id);
  return id;
}

// More traffic lately and in the evening (Europe and the Americas together), a little more two days a week.
function sessionOffset(rng: Random, days: number): number {
  while (true) {
    const offset = rng.next() * (days * DAY_MS - 3_600_000);
    const hour = Math.floor(offset / 3_600_000) % 24;
    const weekend = Math.floor(offset / DAY_MS) % 7 < 2;
    const weight = (0.6 + 0.4 * (offset / (days * DAY_MS))) * (0.35 + 0.65 * Math.sin((Math.PI * ((hour + 18) % 24)) / 24) ** 2) * (weekend ? 1.15 : 1);
    if (rng.next() * 1.15 < weight) return offset;
  }
}

function session(rng: Random, client: Client, visit: number, start: number, popularity: Weighted<Product>, arrival: Arrival): StoredEvent[] {
  const sessionId = rng.uuid();
  const events: StoredEvent[] = [];
  let t = start;
  let user = client.signInSession < 0 || client.signInSession < visit ? client.userId : null;
  let referrer = arrival.referrer;
  const cart = new Map<Product, number>();

  // One page: its events go out in one request and share its event_timestamp.
  const show = (page: Page, extra: { name: EventName; fields?: Partial<WireEvent>; product?: Product }[] = []) => {
    t += 4_000 + rng.next() * 70_000;
    const url = `${ORIGIN}${page.path}${page.query ?? ''}`;
    const wire = (name: EventName, fields: Partial<WireEvent> = {}, product?: Product): WireEvent => {
      t += 300 + rng.next() * 2_500;
      return {
        event_id: rng.uuid(), event_name: name, client_timestamp: new Date(t).toISOString(), client_id: client.id, session_id: sessionId,
        is_first_visit: visit === 0, user_id: user, user_login_state: user ? 'logged_in' : 'anonymous', identity_source: user ? 'cognito' : 'anonymous',
        page_url: url, page_path: page.path, page_title: `${page.title} · Lumen Jewelry`, referrer, language: client.place.language,
        screen_width: client.screen[0], screen_height: client.screen[1], timezone: client.timezone,
        ...(product && productContext(product)), ...fields,
      };
    };
    const wires = [wire('page_view'), ...extra.map(({ name, fields, product }) => wire(name, fields, product))];
    const receivedAt = new Date(t + 80 + rng.next() * 800);
    // A few signed-in requests carry an expired token: their user_id stays unverified.
    const facts = { receivedAt, requestId: rng.uuid(), sourceIp: client.ip, userAgent: client.device.userAgent, country: client.place.country, verifiedSub: user && rng.chance(0.97) ? user : null };
    for (const event of wires) events.push(storedEventSchema.parse(enrich(event, facts, client.agent, receivedAt.toISOString())));
    referrer = url;
  };
  const showProduct = (product: Product, query?: string) => {
    const adds = rng.chance(0.12 * arrival.intent);
    const quantity = rng.chance(0.85) ? 1 : 2;
    if (adds) cart.set(product, (cart.get(product) ?? 0) + quantity);
    show({ path: `/products/${product.slug}`, query, title: product.name }, [{ name: 'product_view', product }, ...(adds ? [{ name: 'add_to_cart' as const, product, fields: { quantity } }] : [])]);
  };

  const query = arrival.campaign && `?utm_source=${arrival.campaign.source}&utm_medium=${arrival.campaign.medium}&utm_campaign=${arrival.campaign.campaign}`;
  const landing = arrival.category ? PRODUCTS.filter((product) => product.category === arrival.category) : null;
  if (arrival.lands === 'product') showProduct(landing ? rng.pick(landing) : rng.weighted(popularity), query);
  else if (arrival.lands === 'collection') {
    const category = arrival.category ?? rng.pick(CATEGORIES);
    show({ path: `/collections/${category}`, query, title: CATEGORY_INFO[category].title });
  } else show({ path: '/', query, title: 'Fine jewelry' });

  const pages = 1 + Math.floor(Math.log(1 - rng.next()) / Math.log(0.72));
  const signInAt = client.userId && !user && client.signInSession === visit ? rng.int(pages) : -1;
  for (let step = 0; step < pages; step += 1) {
    if (step === signInAt) {
      user = client.userId;
      show({ path: '/account', title: 'Your account' }, [{ name: 'sign_in' }]);
      continue;
    }
    const action = rng.weighted<string>([['product', 46], ['collection', 18], ['search', 12], ['home', 5], ...(cart.size ? ([['cart', 10], ['checkout', 8]] as const) : [])]);
    if (action === 'product') showProduct(rng.weighted(popularity));
    else if (action === 'collection') {
      const category = rng.pick(CATEGORIES);
      show({ path: `/collections/${category}`, title: CATEGORY_INFO[category].title });
    } else if (action === 'search') {
      const term = rng.weighted(SEARCH_TERMS);
      const found = searchProducts(term);
      show({ path: '/search', query: `?q=${encodeURIComponent(term)}`, title: `Search: ${term}` }, [{ name: 'search', fields: { search_term: term, result_count: found.length } }]);
      if (found.length && rng.chance(0.6)) showProduct(rng.pick(found));
    } else if (action === 'home') show({ path: '/', title: 'Fine jewelry' });
    else if (action === 'cart') {
      const removed = rng.chance(0.15) ? rng.pick([...cart.keys()]) : null;
      show({ path: '/cart', title: 'Your cart' }, removed ? [{ name: 'remove_from_cart', product: removed, fields: { quantity: cart.get(removed) } }] : []);
      if (removed) cart.delete(removed);
    } else {
      const contents = cartOf(cart);
      show({ path: '/checkout', title: 'Checkout' }, [{ name: 'checkout_start', fields: { cart: contents } }]);
      // Keen arrivals also finish checkout more often.
      if (!rng.chance(Math.min(0.85, 0.55 * Math.sqrt(arrival.intent)))) continue;
      const orderId = `LJ-${Array.from({ length: 6 }, () => 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789'[rng.int(32)]).join('')}`;
      show({ path: '/checkout/confirmation', query: `?order=${orderId}`, title: 'Order confirmed' }, [{ name: 'checkout_complete', fields: { cart: contents, order_id: orderId } }]);
      break;
    }
  }
  return events;
}

function productContext(product: Product): Partial<WireEvent> {
  const tracked = toTrackedProduct(product);
  return {
    context_product_id: tracked.id, context_product_name: tracked.name, context_product_category: tracked.category,
    context_product_brand: tracked.brand, context_product_price: tracked.price, context_product_discount_price: tracked.discountPrice,
    context_product_url_path: tracked.urlPath, currency: tracked.currency,
  };
}

function cartOf(cart: Map<Product, number>): ContractCart {
  const items = [...cart].map(([product, quantity]) => ({ product_id: product.id, quantity, unit_price: effectivePrice(product) }));
  const value = Math.round(items.reduce((sum, item) => sum + item.quantity * item.unit_price * 100, 0)) / 100;
  return { items, item_count: items.reduce((sum, item) => sum + item.quantity, 0), value, currency: 'USD' };
}
