import { envelopeSchema, fieldErrors, wireEventSchema, type FieldError, type WireEvent } from '@/lib/contract/events';
import type { IngestLimits } from './limits';

export type BatchParse =
  | { ok: true; events: unknown[]; authToken: string | null }
  | { ok: false; error: string };

export type EventRejection = { index: number; event_id: string | null; errors: FieldError[] };
export type EventCheck = { ok: true; event: WireEvent } | { ok: false; rejection: EventRejection };

const decoder = new TextDecoder('utf-8', { fatal: true });

/** Turns the body into a list of raw events: one event object, or an envelope `{ events, auth_token? }`. */
export function parseBatch(body: Uint8Array): BatchParse {
  let text: string;
  try {
    text = decoder.decode(body);
  } catch {
    return { ok: false, error: 'body is not valid UTF-8' };
  }
  if (!text.trim()) return { ok: false, error: 'body is empty' };
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { ok: false, error: 'body is not valid JSON' };
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    return { ok: false, error: 'body must be one event object or {"events": [...]}' };
  }
  if (!Object.prototype.hasOwnProperty.call(json, 'events')) return { ok: true, events: [json], authToken: null };
  const envelope = envelopeSchema.safeParse(json);
  if (!envelope.success) {
    const [first] = fieldErrors(envelope.error);
    return { ok: false, error: `${first.field}: ${first.message}` };
  }
  return { ok: true, events: envelope.data.events, authToken: envelope.data.auth_token ?? null };
}

/**
 * Validates one raw event against the shared contract, after a depth check (JSON.parse takes any
 * depth, JSON.stringify overflows the stack) and a size check that keep zod's work bounded.
 */
export function checkEvent(raw: unknown, index: number, { maxEventBytes, maxEventDepth }: IngestLimits): EventCheck {
  const eventId = rawEventId(raw);
  if (nestsDeeperThan(raw, maxEventDepth)) {
    return { ok: false, rejection: { index, event_id: eventId, errors: [{ field: '(event)', message: `nests arrays or objects deeper than ${maxEventDepth} levels` }] } };
  }
  const size = Buffer.byteLength(JSON.stringify(raw) ?? '');
  if (size > maxEventBytes) {
    return { ok: false, rejection: { index, event_id: eventId, errors: [{ field: '(event)', message: `is ${size} bytes, over the ${maxEventBytes}-byte limit per event` }] } };
  }
  const result = wireEventSchema.safeParse(raw);
  if (result.success) return { ok: true, event: result.data };
  return { ok: false, rejection: { index, event_id: eventId, errors: fieldErrors(result.error) } };
}

/** Whether `value` holds more than `limit` levels of arrays and objects; iterative, so any depth is safe to ask about. */
export function nestsDeeperThan(value: unknown, limit: number): boolean {
  const stack: { node: object; depth: number }[] = [];
  if (typeof value === 'object' && value !== null) stack.push({ node: value, depth: 1 });
  for (let item = stack.pop(); item; item = stack.pop()) {
    if (item.depth > limit) return true;
    for (const child of Object.values(item.node)) {
      if (typeof child === 'object' && child !== null) stack.push({ node: child, depth: item.depth + 1 });
    }
  }
  return false;
}

function rawEventId(raw: unknown): string | null {
  if (typeof raw !== 'object' || raw === null) return null;
  const id = (raw as Record<string, unknown>).event_id;
  return typeof id === 'string' && id.length <= 64 ? id : null;
}
