// Batched objects (Firehose's, or the local delivery worker's): one stored event per line, gzip or
// plain. A batch can hold 128 MB of text, so it is read as it arrives, never held whole.
import readline from 'node:readline';
import { pipeline, Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { parseStoredEvent } from '@/lib/contract/parse-stored';
import type { FileResult, Take } from './read';
import { UnreadableFileError, type EventSource } from './source';

// Lines handed on at once: small against the loader's COPY batches, large against a call's cost.
const LINES_PER_TAKE = 250;

/**
 * Validates every line on its own: a bad line is a bad result with its line number, and the lines
 * around it are loaded; blank lines are skipped. An object that ends in the middle of its gzip data
 * (or that cannot be read on) gives its lines up to there and one bad result for the object.
 * A failure of the store (SourceError) throws, and the object is not done: the next load reads it again.
 */
export async function readBatchObject(source: EventSource, key: string, take: Take): Promise<void> {
  let line = 0;
  let pending: FileResult[] = [];
  try {
    for await (const text of objectLines(source.stream(key))) {
      line += 1;
      if (!text.trim()) continue;
      pending.push({ key, line, ...parseStoredEvent(text) });
      if (pending.length >= LINES_PER_TAKE) {
        await take(pending, null);
        pending = [];
      }
    }
    // Like an empty event file: nothing Firehose or the local worker would write.
    if (!line) pending.push({ key, error: 'empty object' });
  } catch (cause) {
    if (isZlibError(cause)) pending.push({ key, error: `gzip data cut short or corrupt after line ${line}: ${cause.message}` });
    else if (cause instanceof UnreadableFileError) pending.push({ key, error: line ? `${cause.message} after line ${line}` : cause.message });
    else throw cause;
  }
  await take(pending, key);
}

/** The object's lines, gunzipped when it starts with gzip's magic bytes, whatever its name says. */
async function* objectLines(chunks: AsyncIterable<Buffer>): AsyncGenerator<string> {
  const iterator = chunks[Symbol.asyncIterator]();
  let head = Buffer.alloc(0);
  for (let next; head.length < 2 && !(next = await iterator.next()).done; ) head = Buffer.concat([head, next.value]);
  const body = Readable.from(rest(head, iterator));
  const gzip = head[0] === 0x1f && head[1] === 0x8b;
  // pipeline hands an error of the body on to the gunzip stream, and so to the lines.
  const input = gzip ? pipeline(body, createGunzip(), () => {}) : body;
  try {
    yield* readline.createInterface({ input, crlfDelay: Infinity });
  } finally {
    input.destroy(); // when the reader stops early: frees the file or the connection
  }
}

async function* rest(head: Buffer, iterator: AsyncIterator<Buffer>): AsyncGenerator<Buffer> {
  if (head.length) yield head;
  for (let next; !(next = await iterator.next()).done; ) yield next.value;
}

function isZlibError(error: unknown): error is Error {
  return typeof (error as { code?: unknown })?.code === 'string' && (error as { code: string }).code.startsWith('Z_');
}
