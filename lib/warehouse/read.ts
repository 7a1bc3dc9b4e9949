import type { StoredEvent } from '@/lib/contract/events';
import { parseStoredEvent } from '@/lib/contract/parse-stored';
import { UnreadableFileError, type EventSource } from './source';

/** One event read, or why it is bad: a whole event file, or one line of a batched object (`line`, from 1). */
export type FileResult = { key: string; line?: number } & ({ event: StoredEvent; error?: undefined } | { event?: undefined; error: string });

/**
 * Takes what a reader read, in order. `finished`: the key of a file now read whole (or given up on
 * as bad), marked read with these results; null while more of it follows. A reader waits for the
 * promise, which keeps a big batched object from running ahead of the database.
 */
export type Take = (results: FileResult[], finished: string | null) => Promise<void>;

/** Reads and validates one event file; only a failure of the store itself (SourceError) throws. */
export async function readEventFile(source: EventSource, key: string): Promise<FileResult> {
  let body: Buffer;
  try {
    body = await source.read(key);
  } catch (cause) {
    if (cause instanceof UnreadableFileError) return { key, error: cause.message };
    throw cause;
  }
  if (!body.length) return { key, error: 'empty file' };
  return { key, ...parseStoredEvent(body.toString('utf8')) };
}
