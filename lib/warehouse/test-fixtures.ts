// Stored events for the warehouse and insights tests, and a direct way to put them in the tables.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import type pg from 'pg';
import { storedEventSchema, type StoredEvent } from '../contract/events';
import { eventKey } from '../ingest/layout';
import { silentLogger } from '../ingest/log';
import { pageView } from '../ingest/test-fixtures';
import type { LoadDeps, LoadOptions } from './load';
import type { EventSource } from './source';
import { refreshDerived } from './derive';
import { eventRow } from './row';

const NULLABLE_DEFAULTS = {
  context_product_id: null, context_product_name: null, context_product_category: null, context_product_brand: null,
  context_product_price: null, context_product_discount_price: null, context_product_url_path: null, currency: null,
  quantity: null, cart: null, order_id: null, search_term: null, result_count: null,
};

/** A contract-valid stored event: a wire event (lib/ingest/test-fixtures.ts builders) plus enrichment. */
export function storedEvent(overrides: Record<string, unknown> = {}): StoredEvent {
  const wire = pageView(overrides);
  return storedEventSchema.parse({
    ...NULLABLE_DEFAULTS,
    event_timestamp: wire.client_timestamp,
    request_id: 'req-test',
    source_ip: '203.0.113.7',
    user_agent: 'Mozilla/5.0 (X11; Linux x86_64) Chrome/131.0.0.0 Safari/537.36',
    browser: 'Chrome',
    os: 'Linux',
    device_type: 'desktop',
    country: 'DE',
    identity_verified: false,
    schema_version: 1,
    ...wire,
  });
}

/**
 * Inserts events as the loader would leave them (rows, then derived tables, in one transaction),
 * without going through files: for tests of what reads the warehouse.
 */
export async function insertEvents(pool: pg.Pool, events: StoredEvent[]): Promise<void> {
  const loadedAt = new Date().toISOString();
  const rows = events.map((event) => ({ ...eventRow(event, `test/${event.event_id}.json`), cart: event.cart, loaded_at: loadedAt }));
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query(
      'INSERT INTO clickstream_events SELECT * FROM json_populate_recordset(null::clickstream_events, $1) ON CONFLICT DO NOTHING',
      [JSON.stringify(rows)],
    );
    await refreshDerived(client, {
      sessionIds: [...new Set(events.map((e) => e.session_id))],
      clientIds: [...new Set(events.map((e) => e.client_id))],
    });
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  } finally {
    client.release();
  }
}

/** Writes each event where the ingestion would on `day` (a Date in that UTC day); returns the keys. */
export function writeEventFiles(root: string, events: StoredEvent[], day: Date): string[] {
  return events.map((event) => writeRawFile(root, eventKey(event.event_id, day), JSON.stringify(event)));
}

/** Writes any bytes under a key, for bad files; returns the key. */
export function writeRawFile(root: string, key: string, body: string | Buffer): string {
  fs.mkdirSync(path.dirname(path.join(root, key)), { recursive: true });
  fs.writeFileSync(path.join(root, key), body);
  return key;
}

/** The key of a batched object in `day`'s folder (a Date in that UTC day), as Firehose names them. */
export function batchKey(day: Date, name: string, extension = '.json.gz'): string {
  return eventKey('x', day).replace(/event-x\.json$/, `batch-${name}${extension}`);
}

/** Writes events as one batched object, one JSON line each: gzip unless `gzip` is false. Returns the key. */
export function writeBatchObject(root: string, key: string, lines: (StoredEvent | string)[], { gzip = true } = {}): string {
  const text = lines.map((line) => (typeof line === 'string' ? line : JSON.stringify(line)) + '\n').join('');
  return writeRawFile(root, key, gzip ? gzipSync(text) : text);
}

/** A source that counts the bodies it reads (whole or streamed), to prove a run read none. */
export function countingSource(source: EventSource): EventSource & { reads: number } {
  const counted = {
    id: source.id,
    reads: 0,
    days: (from: string | null) => source.days(from),
    keys: (prefix: string) => source.keys(prefix),
    read: (key: string) => {
      counted.reads += 1;
      return source.read(key);
    },
    stream: (key: string) => {
      counted.reads += 1;
      return source.stream(key);
    },
  };
  return counted;
}

export const TEST_LOAD_OPTIONS: LoadOptions = { lookbackDays: 3, concurrency: 8, batchSize: 50, commitEvery: 100 };

export function loadDeps(pool: pg.Pool, source: EventSource): LoadDeps {
  return { source, db: pool, clock: () => new Date(), log: silentLogger };
}

export function tempDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'lumen-events-'));
}
