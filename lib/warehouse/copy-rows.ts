import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import type { StoredEvent } from '@/lib/contract/events';
import { EVENT_COLUMNS, eventRow } from './row';

export type StagedEvent = { key: string; event: StoredEvent };
export type Inserted = { inserted: number; sessionIds: string[]; clientIds: string[] };

const COLUMN_LIST = EVENT_COLUMNS.join(', ');

// A temporary twin of clickstream_events without its key, so COPY never conflicts; one per connection.
const CREATE_STAGING = `CREATE TEMP TABLE IF NOT EXISTS clickstream_staging
  (LIKE clickstream_events INCLUDING DEFAULTS) ON COMMIT DELETE ROWS`;

// Two files holding one event_id in the same batch: the first by key is kept, like across batches.
const MERGE = `INSERT INTO clickstream_events (${COLUMN_LIST})
  SELECT DISTINCT ON (event_id) ${COLUMN_LIST} FROM clickstream_staging ORDER BY event_id, source_key
  ON CONFLICT (event_id) DO NOTHING
  RETURNING session_id, client_id`;

export async function prepareStaging(client: pg.PoolClient): Promise<void> {
  await client.query(CREATE_STAGING);
}

/**
 * Inserts the events new to the warehouse through COPY into the staging table and one merge.
 * Runs inside the caller's transaction; throws what PostgreSQL throws (a refused value included).
 */
export async function copyEvents(client: pg.PoolClient, events: StagedEvent[]): Promise<Inserted> {
  await client.query('TRUNCATE clickstream_staging');
  const text = events.map(({ key, event }) => copyLine(eventRow(event, key))).join('');
  await pipeline(Readable.from([text]), client.query(copyFrom(`COPY clickstream_staging (${COLUMN_LIST}) FROM STDIN`)));
  const { rows } = await client.query<{ session_id: string; client_id: string }>(MERGE);
  return {
    inserted: rows.length,
    sessionIds: [...new Set(rows.map((row) => row.session_id))],
    clientIds: [...new Set(rows.map((row) => row.client_id))],
  };
}

// COPY's text format: tab-separated, \N for null, backslash escapes for the separators.
function copyLine(row: Record<string, unknown>): string {
  return EVENT_COLUMNS.map((column) => copyValue(row[column])).join('\t') + '\n';
}

function copyValue(value: unknown): string {
  if (value === null || value === undefined) return '\\N';
  if (typeof value === 'boolean') return value ? 't' : 'f';
  if (typeof value === 'number') return String(value);
  return String(value).replace(/[\\\t\n\r]/g, (char) => ESCAPES[char]);
}

const ESCAPES: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };
