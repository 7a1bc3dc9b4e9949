// The durable queue of events not yet acknowledged, shared by every tab of this origin. An entry
// carries a lease while some tab has it on the wire, so that other tabs (and the next page after
// an unload) do not send it again before the lease runs out.
import type { WireEvent } from '@/lib/contract/events';
import { readJson, removeKey, writeJson } from './store';

export const OUTBOX_KEY = 'lumen.cs.outbox';
export const DROPPED_KEY = 'lumen.cs.dropped';
/** At most this many events wait; beyond it the oldest are dropped (about 1 KB each). */
export const OUTBOX_LIMIT = 500;

type Entry = { e: WireEvent; l?: number };

const read = (): Entry[] => {
  const entries = readJson<Entry[]>(OUTBOX_KEY);
  return Array.isArray(entries) ? entries.filter((x) => x?.e?.event_id) : [];
};

function countDropped(n: number): void {
  if (n > 0) writeJson(DROPPED_KEY, droppedCount() + n);
}

function write(entries: Entry[]): void {
  // When storage is full, give up the oldest half rather than the newest event.
  while (!writeJson(OUTBOX_KEY, entries) && entries.length > 1) {
    const drop = Math.ceil(entries.length / 2);
    entries = entries.slice(drop);
    countDropped(drop);
  }
}

export function droppedCount(): number {
  return readJson<number>(DROPPED_KEY) ?? 0;
}

export function outboxEvents(): WireEvent[] {
  return read().map((x) => x.e);
}

export function appendEvent(event: WireEvent): void {
  const entries = read();
  entries.push({ e: event });
  const over = entries.length - OUTBOX_LIMIT;
  countDropped(over);
  write(over > 0 ? entries.slice(over) : entries);
}

/**
 * Leases up to `max` unleased events with the same user (a token vouches for one user) whose
 * JSON stays under `maxBytes`, until `until`. Returns them oldest first.
 */
export function leaseBatch(now: number, until: number, max: number, maxBytes: number): WireEvent[] {
  const entries = read();
  const batch: WireEvent[] = [];
  let bytes = 0;
  for (const entry of entries) {
    if ((entry.l ?? 0) > now) continue;
    if (batch.length && entry.e.user_id !== batch[0].user_id) continue;
    const size = JSON.stringify(entry.e).length + 1;
    if (batch.length && (batch.length >= max || bytes + size > maxBytes)) break;
    batch.push(entry.e);
    bytes += size;
    entry.l = until;
  }
  if (batch.length) write(entries);
  return batch;
}

/** Ends the lease on events that must be sent again. */
export function releaseEvents(ids: string[]): void {
  const set = new Set(ids);
  write(read().map((x) => (set.has(x.e.event_id) ? { e: x.e } : x)));
}

/** Forgets events the API acknowledged (stored or rejected). */
export function removeEvents(ids: string[]): void {
  const set = new Set(ids);
  write(read().filter((x) => !set.has(x.e.event_id)));
}

export function clearOutbox(): void {
  removeKey(OUTBOX_KEY);
}
