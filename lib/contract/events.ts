// The clickstream event contract, v1, as one zod schema; docs/reference/events.md is generated from it.
// The browser tracker (dev-only checks), the ingestion core and the tests all import this module,
// so it must stay free of browser and server APIs.
import { z } from 'zod';
import { MAX_BATCH_EVENTS, MAX_PATH_LENGTH, MAX_TITLE_LENGTH, MAX_URL_LENGTH } from './limits';

export { MAX_BATCH_EVENTS };
export const SCHEMA_VERSION = 1;

export const EVENT_NAMES = [
  'page_view',
  'product_view',
  'add_to_cart',
  'remove_from_cart',
  'checkout_start',
  'checkout_complete',
  'search',
  'sign_in',
  'sign_out',
] as const;
export type EventName = (typeof EVENT_NAMES)[number];

const PRODUCT_EVENTS: readonly EventName[] = ['product_view', 'add_to_cart', 'remove_from_cart'];
const CART_EVENTS: readonly EventName[] = ['checkout_start', 'checkout_complete'];

// Timestamps older than this or more than a day ahead are treated as a broken clock.
const EARLIEST_TIMESTAMP = Date.UTC(2020, 0, 1);
const MAX_CLOCK_AHEAD_MS = 24 * 60 * 60 * 1000;

const text = (max: number) => z.string().min(1).max(max);
const money = z.number().min(0).max(10_000_000);
const currency = z.string().regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code such as USD');
const count = (max: number) => z.int().min(1).max(max);
// UUIDs in one canonical (lower) case: the stored object's key is made from event_id and keys are
// case-sensitive, so two spellings of one id must not become two events. At rest only that form is valid.
const uuid = z.uuid().toLowerCase();
const storedUuid = z.uuid().regex(/^[0-9a-f-]+$/, 'must be a lower-case UUID');

const isoMillis = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/, 'must be ISO 8601 UTC with milliseconds')
  // Date.parse rolls 2024-02-30 over to March 1st; only a string that comes back unchanged is a real time.
  .refine((value) => {
    const time = Date.parse(value);
    return !Number.isNaN(time) && new Date(time).toISOString() === value;
  }, { message: 'is not a real date and time (such as February 30th or 24:00)', abort: true })
  .refine((value) => {
    const time = Date.parse(value);
    return time >= EARLIEST_TIMESTAMP && time <= Date.now() + MAX_CLOCK_AHEAD_MS;
  }, 'is not a plausible time (before 2020 or more than a day ahead)')
  // Tells JSON Schema readers (the Athena table's columns) that this is a timestamp.
  .meta({ format: 'date-time' });

export const cartSchema = z.strictObject({
  items: z
    .array(
      z.strictObject({
        product_id: text(64),
        quantity: count(999),
        unit_price: money,
      }),
    )
    .min(1)
    .max(MAX_BATCH_EVENTS),
  item_count: count(99_999),
  value: money,
  currency,
});
export type ContractCart = z.infer<typeof cartSchema>;

const productContext = {
  context_product_id: text(64),
  context_product_name: text(200),
  context_product_category: text(64),
  context_product_brand: text(100),
  context_product_price: money,
  context_product_discount_price: money,
  context_product_url_path: text(512),
  currency,
};

// Fields that are null when they do not apply; the wire may omit them.
const nullableFields = {
  user_id: text(128),
  referrer: z.string().max(MAX_URL_LENGTH),
  ...productContext,
  quantity: count(999),
  cart: cartSchema,
  order_id: text(64),
  search_term: z.string().max(200),
  result_count: z.int().min(0).max(1_000_000),
};
type NullableKey = keyof typeof nullableFields;

const wireShape = {
  event_id: uuid,
  event_name: z.enum(EVENT_NAMES),
  client_timestamp: isoMillis,
  client_id: uuid,
  session_id: uuid,
  is_first_visit: z.boolean(),
  user_login_state: z.enum(['logged_in', 'anonymous']),
  identity_source: z.enum(['cognito', 'anonymous']),
  page_url: z.url({ protocol: /^https?$/ }).max(MAX_URL_LENGTH),
  page_path: z.string().startsWith('/').max(MAX_PATH_LENGTH),
  page_title: z.string().max(MAX_TITLE_LENGTH),
  language: z.string().max(35),
  screen_width: z.int().min(0).max(100_000),
  screen_height: z.int().min(0).max(100_000),
  timezone: z.string().max(64),
  ...(Object.fromEntries(
    Object.entries(nullableFields).map(([key, schema]) => [key, schema.nullable().optional()]),
  ) as { [K in NullableKey]: z.ZodOptional<z.ZodNullable<(typeof nullableFields)[K]>> }),
};

const PRODUCT_FIELDS = Object.keys(productContext).filter(
  (key) => key !== 'context_product_discount_price',
) as NullableKey[];

const REQUIRED_BY_EVENT: Partial<Record<EventName, NullableKey[]>> = {
  add_to_cart: ['quantity'],
  remove_from_cart: ['quantity'],
  checkout_start: ['cart'],
  checkout_complete: ['cart', 'order_id'],
  search: ['search_term', 'result_count'],
};

/** The nullable fields an event of this name must carry (listed per event in docs/reference/events.md). */
export function requiredFields(name: EventName): NullableKey[] {
  const fields = [...(REQUIRED_BY_EVENT[name] ?? [])];
  if (PRODUCT_EVENTS.includes(name)) fields.push(...PRODUCT_FIELDS);
  return fields;
}

/** One event as the browser sends it. Unknown keys (including `__proto__`) are rejected. */
export const wireEventSchema = z.strictObject(wireShape).superRefine((event, ctx) => {
  for (const field of requiredFields(event.event_name)) {
    if (event[field] == null) {
      ctx.addIssue({ code: 'custom', path: [field], message: `is required for ${event.event_name}` });
    }
  }
  const signedIn = event.user_id != null;
  if (signedIn !== (event.user_login_state === 'logged_in')) {
    ctx.addIssue({ code: 'custom', path: ['user_login_state'], message: 'must be logged_in exactly when user_id is set' });
  }
  if (signedIn !== (event.identity_source === 'cognito')) {
    ctx.addIssue({ code: 'custom', path: ['identity_source'], message: 'must be cognito exactly when user_id is set' });
  }
  if (CART_EVENTS.includes(event.event_name) && event.cart) {
    const sum = event.cart.items.reduce((total, item) => total + item.quantity, 0);
    if (sum !== event.cart.item_count) {
      ctx.addIssue({ code: 'custom', path: ['cart', 'item_count'], message: 'must equal the sum of item quantities' });
    }
  }
});
export type WireEvent = z.infer<typeof wireEventSchema>;

/** The request body's envelope; each event inside is validated on its own so good ones survive bad neighbours. */
export const envelopeSchema = z.strictObject({
  events: z.array(z.unknown()).min(1, 'must hold at least one event').max(MAX_BATCH_EVENTS, `must hold at most ${MAX_BATCH_EVENTS} events`),
  auth_token: z.string().max(8192).optional(),
});

const storedShape = {
  ...wireShape,
  event_id: storedUuid,
  client_id: storedUuid,
  session_id: storedUuid,
  ...(Object.fromEntries(
    Object.entries(nullableFields).map(([key, schema]) => [key, schema.nullable()]),
  ) as { [K in NullableKey]: z.ZodNullable<(typeof nullableFields)[K]> }),
  event_timestamp: z.iso.datetime(),
  request_id: text(128),
  source_ip: z.string().nullable(),
  user_agent: z.string().nullable(),
  browser: z.string().nullable(),
  os: z.string().nullable(),
  device_type: z.string().nullable(),
  country: z.string().regex(/^[A-Z]{2}$/).nullable(),
  identity_verified: z.boolean(),
  schema_version: z.literal(SCHEMA_VERSION),
};

/** One event at rest: every field present (null when it does not apply) plus the server's enrichment. */
export const storedEventSchema = z.strictObject(storedShape);
export type StoredEvent = z.infer<typeof storedEventSchema>;

export type FieldError = { field: string; message: string };

/** Flattens zod issues into the API's `{ field, message }` shape; the root is reported as `(event)`. */
export function fieldErrors(error: z.ZodError): FieldError[] {
  return error.issues.map((issue) => ({
    field: issue.path.length ? issue.path.map(String).join('.') : '(event)',
    message: issue.message,
  }));
}
