import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import type { StoredEvent } from '@/lib/contract/events';
import { EVENT_COLUMNS, eventValues } from './row';

/** An event and where it came from: its file, or its object and line. */
export type StagedEvent = { key: string; line?: number; event: StoredEvent };
export type Inserted = { inserted: number; sessionIds: string[]; clientIds: string[] };

const COLUMN_LIST = EVENT_COLUMNS.join(', ');

const EXISTING = 'SELECT event_id::text AS id FROM clickstream_events WHERE event_id = ANY($1::uuid[])';

/**
 * Inserts the events new to the warehouse by COPY straight into clickstream_events, the fastest
 * way in: the event_ids already there, and repeats within the batch (the first copy wins), are
 * left out first, since COPY has no ON CONFLICT. Only one loader writes at a time (the load lock).
 * Runs inside the caller's transaction; throws what PostgreSQL throws (a refused value included).
 */
export async function copyEvents(client: pg.PoolClient, events: StagedEvent[]): Promise<Inserted> {
  const { rows } = await client.query<{ id: string }>(EXISTING, [events.map(({ event }) => event.event_id)]);
  const seen = new Set(rows.map((row) => row.id));
  const fresh = events.filter(({ event }) => {
    const id = event.event_id.toLowerCase();
    return !seen.has(id) && Boolean(seen.add(id));
  });
  if (fresh.length) {
    const text = fresh.map(({ key, event }) => copyLine(eventValues(event, key))).join('');
    const copy = client.query(copyFrom(`COPY clickstream_events (${COLUMN_LIST}) FROM STDIN`));
    // A COPY whose connection dies would wait forever: end it with the connection.
    const lost = (error?: Error) => copy.destroy(error ?? new Error('the database connection closed during COPY'));
    client.once('error', lost).once('end', lost);
    try {
      await pipeline(Readable.from([text]), copy);
    } finally {
      client.off('error', lost).off('end', lost);
    }
  }
  return {
    inserted: fresh.length,
    sessionIds: [...new Set(fresh.map(({ event }) => event.session_id))],
    clientIds: [...new Set(fresh.map(({ event }) => event.client_id))],
  };
}

// COPY's text format: tab-separated, \N for null, backslash escapes for the separators.
function copyLine(values: unknown[]): string {
  return values.map(copyValue).join('\t') + '\n';
}

function copyValue(value: unknown): string {
  if (value === null || value === undefined) return '\\N';
  if (typeof value === 'boolean') return value ? 't' : 'f';
  if (typeof value === 'number') return String(value);
  return String(value).replace(/[\\\t\n\r]/g, (char) => ESCAPES[char]);
}

const ESCAPES: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };
