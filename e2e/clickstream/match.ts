// Partial matching of events, field by field, and the words a failure uses to say how an event differs.
import { isDeepStrictEqual } from 'node:util';
import { fieldErrors, storedEventSchema, wireEventSchema, type StoredEvent } from '../../lib/contract/events';

/** Any subset of a stored event's fields; values may be Playwright's asymmetric matchers (expect.any(String), ...). */
export type EventFilter = { [K in keyof StoredEvent]?: StoredEvent[K] | Matcher };
type Matcher = { asymmetricMatch(actual: unknown): boolean };

// Fields the server adds: an event on the wire cannot carry them, so only its stored copy is matched on them.
const WIRE_FIELDS = new Set(Object.keys(wireEventSchema.shape));
export const SERVER_FIELDS = Object.keys(storedEventSchema.shape).filter((key) => !WIRE_FIELDS.has(key));

const isMatcher = (value: unknown): value is Matcher =>
  typeof value === 'object' && value !== null && typeof (value as Matcher).asymmetricMatch === 'function';

// The wire may omit a field that does not apply; at rest it is null. Both read as null here.
const valueOf = (event: object, key: string) => (event as Record<string, unknown>)[key] ?? null;

function same(actual: unknown, expected: unknown): boolean {
  if (isMatcher(expected)) return expected.asymmetricMatch(actual);
  return isDeepStrictEqual(actual, expected ?? null);
}

export type Difference = { field: string; got: unknown; expected: unknown };

/** The filter's fields this event gets wrong; on the wire, the server's fields are not compared. */
export function differences(event: object, filter: EventFilter, where: 'wire' | 'rest'): Difference[] {
  return Object.entries(filter)
    .filter(([field]) => where === 'rest' || !SERVER_FIELDS.includes(field))
    .filter(([field, expected]) => !same(valueOf(event, field), expected))
    .map(([field, expected]) => ({ field, got: valueOf(event, field), expected }));
}

export const matches = (event: object, filter: EventFilter, where: 'wire' | 'rest') => differences(event, filter, where).length === 0;

export function show(value: unknown): string {
  if (isMatcher(value)) {
    const named = value as { toAsymmetricMatcher?: () => string; toString(): string };
    return named.toAsymmetricMatcher?.() ?? named.toString();
  }
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

export const showFilter = (filter: EventFilter) => `{ ${Object.entries(filter).map(([k, v]) => `${k}: ${show(v)}`).join(', ')} }`;

export const showDifferences = (diffs: Difference[]) =>
  diffs.map((d) => `${d.field}: got ${show(d.got)}, expected ${show(d.expected)}`).join('; ');

/** One line naming an event: its place on the wire, name, page and id. */
export function label(event: object, place?: number): string {
  const e = event as Record<string, unknown>;
  const at = place === undefined ? '' : `#${place + 1} `;
  return `${at}${String(e.event_name)} on ${String(e.page_path)} (event_id ${String(e.event_id)})`;
}

/** The contract's complaints about one event, as "field: message" pairs; empty when it is valid. */
export function contractErrors(event: unknown, where: 'wire' | 'rest'): string[] {
  const result = (where === 'wire' ? wireEventSchema : storedEventSchema).safeParse(event);
  return result.success ? [] : fieldErrors(result.error).map((e) => `${e.field}: ${e.message}`);
}

/** The events of `events` closest to the filter first, each with how it differs: the body of a failure message. */
export function closest(events: { event: object; place: number }[], filter: EventFilter, where: 'wire' | 'rest', max = 12): string[] {
  const ranked = events
    .map(({ event, place }) => ({ event, place, diffs: differences(event, filter, where) }))
    .sort((a, b) => a.diffs.length - b.diffs.length || a.place - b.place);
  const lines = ranked.slice(0, max).map(({ event, place, diffs }) => `  ${label(event, place)}: ${diffs.length ? showDifferences(diffs) : 'matches'}`);
  if (ranked.length > max) lines.push(`  ... and ${ranked.length - max} more`);
  return lines;
}
