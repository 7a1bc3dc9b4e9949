import { PutRecordsCommand, type KinesisClient, type PutRecordsRequestEntry } from '@aws-sdk/client-kinesis';
import { createKinesisClient } from '@/lib/stream/kinesis-client';
import type { Sink, StoredObject } from './sink';

export type KinesisSinkOptions = {
  stream: string;
  region?: string;
  endpoint?: string;
  client?: KinesisClient;
  /** PutRecords calls for one set of records, the first included, before the sink gives up. */
  maxAttempts?: number;
  /** The first retry waits up to this long, each next one up to twice as long (full jitter). */
  baseDelayMs?: number;
};

// Kinesis' PutRecords limits: records per call, bytes per call and per record (data + partition key).
export const PUT_RECORDS_MAX_RECORDS = 500;
export const PUT_RECORDS_MAX_BYTES = 5 * 1024 * 1024;
export const RECORD_MAX_BYTES = 1024 * 1024;

/** Some records were still refused (throttled, internal failure) after every retry. */
export class StreamRefusedError extends Error {}

type Entry = PutRecordsRequestEntry & { Data: Uint8Array; PartitionKey: string };

const sizeOf = (entry: Entry) => entry.Data.byteLength + Buffer.byteLength(entry.PartitionKey);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Puts each stored event on a Kinesis stream as one record: Data is the event's JSON as stored at
 * rest, PartitionKey its session_id, so a session's events stay in order on one shard. `write`
 * resolves only once the stream has accepted every record; records it refuses one by one
 * (FailedRecordCount) are sent again, alone, after a growing pause. A retried event may reach the
 * stream twice with the same event_id: the warehouse keeps one row per event_id.
 */
export class KinesisSink implements Sink {
  readonly client: KinesisClient;
  readonly stream: string;
  private readonly maxAttempts: number;
  private readonly baseDelayMs: number;

  constructor(options: KinesisSinkOptions) {
    this.stream = options.stream;
    this.client = options.client ?? createKinesisClient(options);
    this.maxAttempts = options.maxAttempts ?? 4;
    this.baseDelayMs = options.baseDelayMs ?? 100;
  }

  async write(objects: StoredObject[]): Promise<void> {
    await Promise.all(calls(objects.map(toEntry)).map((entries) => this.put(entries)));
  }

  private async put(entries: Entry[]): Promise<void> {
    let pending = entries;
    for (let attempt = 1; ; attempt += 1) {
      const answer = await this.client.send(new PutRecordsCommand({ StreamName: this.stream, Records: pending }));
      if (!answer.FailedRecordCount) return;
      // Results are in the order of the request; an entry without a result did not get in either.
      const refused = pending.map((entry, index) => ({ entry, code: answer.Records?.[index]?.ErrorCode ?? (answer.Records?.[index]?.SequenceNumber ? null : 'NoResult') }));
      const failed = refused.filter(({ code }) => code);
      if (attempt >= this.maxAttempts) {
        const codes = [...new Set(failed.map(({ code }) => code))].join(', ');
        throw new StreamRefusedError(`stream ${this.stream} refused ${failed.length} of ${pending.length} records after ${attempt} attempts (${codes})`);
      }
      pending = failed.map(({ entry }) => entry);
      await sleep(Math.random() * this.baseDelayMs * 2 ** (attempt - 1));
    }
  }
}

function toEntry({ key, body }: StoredObject): Entry {
  const sessionId: unknown = (JSON.parse(body) as { session_id?: unknown }).session_id;
  if (typeof sessionId !== 'string' || !sessionId) throw new Error(`${key} has no session_id to partition by`);
  const entry = { Data: Buffer.from(body, 'utf8'), PartitionKey: sessionId };
  if (sizeOf(entry) > RECORD_MAX_BYTES) throw new Error(`${key} is over Kinesis' ${RECORD_MAX_BYTES}-byte record limit`);
  return entry;
}

/** Splits entries into PutRecords calls within the per-call record and byte limits, in order. */
function calls(entries: Entry[]): Entry[][] {
  const result: Entry[][] = [];
  let current: Entry[] = [];
  let bytes = 0;
  for (const entry of entries) {
    if (current.length === PUT_RECORDS_MAX_RECORDS || bytes + sizeOf(entry) > PUT_RECORDS_MAX_BYTES) {
      result.push(current);
      [current, bytes] = [[], 0];
    }
    current.push(entry);
    bytes += sizeOf(entry);
  }
  if (current.length) result.push(current);
  return result;
}
