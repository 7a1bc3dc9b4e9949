import type { EventName, WireEvent } from '@/lib/contract/events';
import { MAX_PATH_LENGTH, MAX_TITLE_LENGTH, MAX_URL_LENGTH } from '@/lib/contract/limits';
import type { Identity } from './identity';
import { uuid } from './store';
import type { TrackedProduct, TrackExtras } from './types';

const clip = (s: string, max: number) => (s.length > max ? s.slice(0, max) : s);

function productContext(p: TrackedProduct) {
  return {
    context_product_id: p.id,
    context_product_name: p.name,
    context_product_category: p.category,
    context_product_brand: p.brand,
    context_product_price: p.price,
    context_product_discount_price: p.discountPrice,
    context_product_url_path: p.urlPath,
    currency: p.currency,
  };
}

/**
 * One event as it happened on this page, signed for `userId` (the Cognito sub, or null for a
 * guest). Fields that do not apply are left out (the wire may omit them; the API stores null).
 */
export function buildEvent(
  name: EventName,
  identity: Identity,
  userId: string | null,
  referrer: string | null,
  now: number,
  extras?: TrackExtras,
  product?: TrackedProduct,
): WireEvent {
  const event: WireEvent = {
    event_id: uuid(),
    event_name: name,
    client_timestamp: new Date(now).toISOString(),
    ...identity,
    user_id: userId,
    user_login_state: userId ? 'logged_in' : 'anonymous',
    identity_source: userId ? 'cognito' : 'anonymous',
    page_url: clip(location.href, MAX_URL_LENGTH),
    page_path: clip(location.pathname, MAX_PATH_LENGTH),
    page_title: clip(document.title, MAX_TITLE_LENGTH),
    referrer: referrer && clip(referrer, MAX_URL_LENGTH),
    language: navigator.language || 'und',
    screen_width: Math.round(screen.width) || 0,
    screen_height: Math.round(screen.height) || 0,
    timezone: Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC',
    ...(product && productContext(product)),
  };
  for (const [key, value] of Object.entries(extras ?? {})) {
    if (value != null) (event as Record<string, unknown>)[key] = value;
  }
  return event;
}
