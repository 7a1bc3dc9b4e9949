/** Thrown when the body grows past the limit; the reader stops at that point. */
export class BodyTooLargeError extends Error {
  constructor(readonly limit: number) {
    super(`request body is larger than ${limit} bytes`);
  }
}

/** Thrown when the whole body has not arrived within the deadline (a slow or stalled client). */
export class BodyTimeoutError extends Error {
  constructor(readonly timeoutMs: number) {
    super(`request body not received within ${timeoutMs / 1000} s`);
  }
}

export type BodySource = Uint8Array | string | AsyncIterable<Uint8Array> | null | undefined;

/**
 * Reads a body into memory, giving up as soon as it passes `limit` bytes or, for a stream, once
 * `timeoutMs` have passed without the whole of it (0: no deadline).
 */
export async function readBody(source: BodySource, limit: number, timeoutMs = 0): Promise<Uint8Array> {
  if (source == null) return new Uint8Array();
  if (typeof source === 'string') source = new TextEncoder().encode(source);
  if (source instanceof Uint8Array) {
    if (source.byteLength > limit) throw new BodyTooLargeError(limit);
    return source;
  }
  const chunks: Uint8Array[] = [];
  let size = 0;
  let timer: NodeJS.Timeout | undefined;
  // A pending read cannot be interrupted, only outrun.
  const deadline = new Promise<never>((_, reject) => {
    if (timeoutMs > 0) timer = setTimeout(() => reject(new BodyTimeoutError(timeoutMs)), timeoutMs);
  });
  const iterator = source[Symbol.asyncIterator]();
  try {
    for (let next = await Promise.race([iterator.next(), deadline]); !next.done; next = await Promise.race([iterator.next(), deadline])) {
      size += next.value.byteLength;
      if (size > limit) throw new BodyTooLargeError(limit);
      chunks.push(next.value);
    }
  } catch (error) {
    // Stops the source (a stream is cancelled once any pending read settles); not awaited, as that read may never settle.
    iterator.return?.().catch(() => {});
    throw error;
  } finally {
    clearTimeout(timer);
  }
  const body = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    body.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return body;
}
