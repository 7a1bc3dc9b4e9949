import { fieldErrors, storedEventSchema, type StoredEvent } from '@/lib/contract/events';
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
  return { key, ...parseEvent(body.toString('utf8')) };
}

/** One stored event from its JSON text, or why it is not one. */
export function parseEvent(text: string): { event: StoredEvent } | { error: string } {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (cause) {
    // A file cut short by a crash or a full disk ends up here too.
    return { error: `not valid JSON: ${(cause as Error).message}` };
  }
  const parsed = storedEventSchema.safeParse(json);
  if (!parsed.success) {
    const reasons = fieldErrors(parsed.error).map(({ field, message }) => `${field}: ${message}`);
    return { error: `not a valid stored event: ${reasons.join('; ')}` };
  }
  return { event: parsed.data };
}
