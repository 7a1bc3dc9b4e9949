import { randomUUID } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import { parseStoredEvent } from '@/lib/contract/parse-stored';
import { EVENTS_PREFIX } from '@/lib/ingest/layout';
import { STAGING_FOLDER } from '@/lib/ingest/fs-sink';
import type { StreamConsumer } from './poller';
import type { StreamRecord } from './record';

export const ERRORS_PREFIX = 'errors/';

export type DeliveryOptions = {
  /** The folder the objects land in (CLICKSTREAM_DATA_DIR): events/ and errors/ under it. */
  root: string;
  /** A batch is written once it holds this many bytes of records... */
  bufferBytes?: number;
  /** ...or this long after its first record arrived, whichever comes first. */
  bufferMs?: number;
  now?: () => Date;
};

export const DEFAULT_BUFFER_BYTES = 1024 * 1024;
export const DEFAULT_BUFFER_MS = 1000;

type Pending = { records: StreamRecord[]; bytes: number; timer: NodeJS.Timeout; written: Promise<void>; release: () => void };

const compress = promisify(gzip);
const stamp = (now: Date) => now.toISOString().slice(0, 19).replace(/[-:]/g, '');
const dayPath = (iso: string) => `${iso.slice(0, 4)}/${iso.slice(5, 7)}/${iso.slice(8, 10)}`;

/**
 * The local Firehose: buffers the stream's records and writes them as gzip NDJSON objects, one
 * stored event a line, under the UTC day of each event's own event_timestamp:
 * `events/YYYY/MM/DD/batch-local-<yyyyMMddTHHmmss>-<uuid>.json.gz`. A record that is not a valid
 * stored event goes to `errors/` (under the day it arrived) with the reason, never to events/.
 * Objects are written in the staging folder and renamed into place, so a reader never sees half of
 * one. `handle` resolves once its records are written, so the poller checkpoints only after that; a
 * crash in between writes the batch again on restart (the warehouse keeps one row per event_id).
 */
export function createDelivery({ root, bufferBytes = DEFAULT_BUFFER_BYTES, bufferMs = DEFAULT_BUFFER_MS, now = () => new Date() }: DeliveryOptions): StreamConsumer {
  let pending: Pending | null = null;

  function open(): Pending {
    let release = () => {};
    const gate = new Promise<void>((resolve) => (release = resolve));
    const batch: Pending = { records: [], bytes: 0, timer: setTimeout(() => close(batch), bufferMs), written: gate.then(() => deliver(root, batch.records, now())), release };
    return batch;
  }

  function close(batch: Pending): void {
    clearTimeout(batch.timer);
    if (pending === batch) pending = null;
    batch.release();
  }

  return {
    name: 'delivery',
    handle(records) {
      const batch = (pending ??= open());
      batch.records.push(...records);
      batch.bytes += records.reduce((sum, record) => sum + record.data.byteLength, 0);
      if (batch.bytes >= bufferBytes) close(batch);
      return batch.written;
    },
  };
}

type ErrorLine = { error_message: string; sequence_number: string; partition_key: string; arrived_at: string; raw_data: string };

async function deliver(root: string, records: StreamRecord[], at: Date): Promise<void> {
  const days = new Map<string, string[]>();
  const errors = new Map<string, ErrorLine[]>();
  const add = <T>(groups: Map<string, T[]>, key: string, item: T) => (groups.get(key) ?? groups.set(key, []).get(key)!).push(item);
  for (const record of records) {
    const text = Buffer.from(record.data).toString('utf8');
    const checked = parseStoredEvent(text);
    if (checked.event) {
      const day = `${EVENTS_PREFIX}${dayPath(new Date(checked.event.event_timestamp).toISOString())}`;
      add(days, day, text);
    } else {
      const day = `${ERRORS_PREFIX}${dayPath(record.arrivedAt.toISOString())}`;
      const line = { error_message: checked.error, sequence_number: record.sequenceNumber, partition_key: record.partitionKey, arrived_at: record.arrivedAt.toISOString(), raw_data: Buffer.from(record.data).toString('base64') };
      add(errors, day, line);
    }
  }
  const objects: [string, string[]][] = [...days, ...[...errors].map(([day, lines]): [string, string[]] => [day, lines.map((line) => JSON.stringify(line))])];
  await Promise.all(objects.map(([day, lines]) => writeObject(root, `${day}/batch-local-${stamp(at)}-${randomUUID()}.json.gz`, `${lines.join('\n')}\n`)));
}

async function writeObject(root: string, key: string, text: string): Promise<void> {
  const staging = path.join(root, STAGING_FOLDER);
  const temporary = path.join(staging, `.tmp-${randomUUID()}`);
  const target = path.join(root, key);
  await Promise.all([fs.mkdir(staging, { recursive: true }), fs.mkdir(path.dirname(target), { recursive: true })]);
  try {
    await fs.writeFile(temporary, await compress(text));
    await fs.rename(temporary, target);
  } finally {
    await fs.rm(temporary, { force: true });
  }
}
