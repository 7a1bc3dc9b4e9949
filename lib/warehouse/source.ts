// Where the loader reads stored events from: the ingestion's folder or its bucket, in the layout
// of lib/ingest/layout.ts (events/YYYY/MM/DD/event-<event_id>.json), and the batched objects the
// stream transport delivers into the same day folders (events/YYYY/MM/DD/batch-<name>.json[.gz]).
import type { Day } from './days';

/**
 * A store of event files, addressed by keys relative to its root (`events/2026/03/04/event-….json`).
 * Listing throws SourceError when the store itself cannot be reached.
 */
export interface EventSource {
  /** Names the store in the loader's bookkeeping, e.g. `s3://bucket` or `file:///abs/dir`. */
  readonly id: string;
  /** The days that hold files, at or after `from` (all when null), oldest first. */
  days(from: Day | null): AsyncIterable<Day>;
  /** The event files and batched objects of one day (`events/YYYY/MM/DD/`), in pages: a day of any size is never held whole. */
  keys(dayPrefix: string): AsyncIterable<string[]>;
  /** The file's bytes; throws UnreadableFileError for a file that cannot be read (it is then bad). */
  read(key: string): Promise<Buffer>;
  /** The object's bytes in chunks, for batched objects too big to hold; throws as `read` does, also half way. */
  stream(key: string): AsyncIterable<Buffer>;
}

/** The store as a whole is unreachable or misconfigured; `setting` names what to fix. */
export class SourceError extends Error {
  constructor(
    message: string,
    readonly setting: string,
  ) {
    super(message);
    this.name = 'SourceError';
  }
}

/** One file cannot be read (a directory, vanished, no permission): recorded as bad, the load goes on. */
export class UnreadableFileError extends Error {
  name = 'UnreadableFileError';
}

// Temporary files (`.tmp-*`, a staging name) and anything else not named like an event file or a
// batched object are not ours to read.
const EVENT_FILE = /^event-[^/]+\.json$/;
// One stored event per line, gzip or plain (told by its bytes: Firehose may be set either way).
const BATCH_OBJECT = /^batch-[A-Za-z0-9._-]+\.json(\.gz)?$/;

/** A name the loader reads: an event file or a batched object. */
export function isEventFileName(name: string): boolean {
  return EVENT_FILE.test(name) || BATCH_OBJECT.test(name);
}

/** A key of a batched object (NDJSON), read line by line; any other key holds one event. */
export function isBatchKey(key: string): boolean {
  return BATCH_OBJECT.test(key.slice(key.lastIndexOf('/') + 1));
}
