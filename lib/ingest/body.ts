/** Thrown when the body grows past the limit; the reader stops at that point. */
export class BodyTooLargeError extends Error {
  constructor(readonly limit: number) {
    super(`request body is larger than ${limit} bytes`);
  }
}

export type BodySource = Uint8Array | string | AsyncIterable<Uint8Array> | null | undefined;

/** Reads a body into memory, giving up as soon as it passes `limit` bytes. */
export async function readBody(source: BodySource, limit: number): Promise<Uint8Array> {
  if (source == null) return new Uint8Array();
  if (typeof source === 'string') source = new TextEncoder().encode(source);
  if (source instanceof Uint8Array) {
    if (source.byteLength > limit) throw new BodyTooLargeError(limit);
    return source;
  }
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of source) {
    size += chunk.byteLength;
    if (size > limit) throw new BodyTooLargeError(limit);
    chunks.push(chunk);
  }
  const body = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    body.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return body;
}
