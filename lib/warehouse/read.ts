import { fieldErrors, storedEventSchema, type StoredEvent } from '@/lib/contract/events';
import { UnreadableFileError, type EventSource } from './source';

/** One file read: a valid stored event, or why it is bad. */
export type FileResult = { key: string; event: StoredEvent; error?: undefined } | { key: string; event?: undefined; error: string };

/** Reads and validates one file; only a failure of the store itself (SourceError) throws. */
export async function readEventFile(source: EventSource, key: string): Promise<FileResult> {
  let body: Buffer;
  try {
    body = await source.read(key);
  } catch (cause) {
    if (cause instanceof UnreadableFileError) return { key, error: cause.message };
    throw cause;
  }
  return parseEventFile(key, body);
}

export function parseEventFile(key: string, body: Buffer): FileResult {
  if (!body.length) return { key, error: 'empty file' };
  let json: unknown;
  try {
    json = JSON.parse(body.toString('utf8'));
  } catch (cause) {
    // A file cut short by a crash or a full disk ends up here too.
    return { key, error: `not valid JSON: ${(cause as Error).message}` };
  }
  const parsed = storedEventSchema.safeParse(json);
  if (!parsed.success) {
    const reasons = fieldErrors(parsed.error).map(({ field, message }) => `${field}: ${message}`);
    return { key, error: `not a valid stored event: ${reasons.join('; ')}` };
  }
  return { key, event: parsed.data };
}
