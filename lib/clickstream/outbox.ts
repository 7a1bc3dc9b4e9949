// The durable queue of events not yet acknowledged, shared by every tab of this origin. Each event
// has a localStorage key of its own: tabs see each other's writes late, so a read-modify-write of
// one shared list would let one tab overwrite the event another tab had just added. An entry
// carries a lease while some tab has it on the wire, so that other tabs (and the next page after
// an unload) do not send it again before the lease runs out.
import type { WireEvent } from '@/lib/contract/events';
import { byteLength, keysWith, readJson, removeKey, writeJson } from './store';

export const OUTBOX_PREFIX = 'lumen.cs.ev.';
/** At most this many events wait; beyond it the oldest are dropped (about 1 KB each). */
export const OUTBOX_LIMIT = 500;

/** The event, its lease end (ms) and its place in the queue. */
type Entry = { e: WireEvent; l?: number; n: number };

let seq = 0;
const keyOf = (id: string) => OUTBOX_PREFIX + id;

/** Oldest first. */
function read(): Entry[] {
  return keysWith(OUTBOX_PREFIX)
    .map((key) => readJson<Entry>(key))
    .filter((x): x is Entry => Boolean(x?.e?.event_id))
    .sort((a, b) => a.n - b.n);
}

function drop(entries: Entry[]): void {
  entries.forEach((x) => removeKey(keyOf(x.e.event_id)));
}

export function outboxSize(): number {
  return keysWith(OUTBOX_PREFIX).length;
}

export function outboxEvents(): WireEvent[] {
  return read().map((x) => x.e);
}

export function appendEvent(event: WireEvent): void {
  // Time orders events across tabs; the counter orders those of one tab within a millisecond
  // (an exact integer: a fraction added to Date.now() would be rounded away).
  const entry: Entry = { e: event, n: Date.now() * 1000 + (seq++ % 1000) };
  // When storage is full, give up the oldest half rather than the newest event.
  while (!writeJson(keyOf(event.event_id), entry)) {
    const entries = read();
    if (!entries.length) return;
    drop(entries.slice(0, Math.ceil(entries.length / 2)));
  }
  const over = outboxSize() - OUTBOX_LIMIT;
  if (over > 0) drop(read().slice(0, over));
}

/**
 * Leases up to `max` unleased events with the same user (a token vouches for one user) whose
 * JSON stays under `maxBytes`, until `until`. Returns them oldest first.
 */
export function leaseBatch(now: number, until: number, max: number, maxBytes: number): WireEvent[] {
  const batch: WireEvent[] = [];
  let bytes = 0;
  for (const entry of read()) {
    if ((entry.l ?? 0) > now) continue;
    if (batch.length && entry.e.user_id !== batch[0].user_id) continue;
    const size = byteLength(JSON.stringify(entry.e)) + 1;
    if (batch.length && (batch.length >= max || bytes + size > maxBytes)) break;
    batch.push(entry.e);
    bytes += size;
    writeJson(keyOf(entry.e.event_id), { ...entry, l: until });
  }
  return batch;
}

/** Ends the lease on events that must be sent again. */
export function releaseEvents(ids: string[]): void {
  for (const id of ids) {
    const entry = readJson<Entry>(keyOf(id));
    if (entry) writeJson(keyOf(id), { e: entry.e, n: entry.n });
  }
}

/** Forgets events the API acknowledged (stored or rejected). */
export function removeEvents(ids: string[]): void {
  ids.forEach((id) => removeKey(keyOf(id)));
}

export function clearOutbox(): void {
  keysWith(OUTBOX_PREFIX).forEach(removeKey);
}
