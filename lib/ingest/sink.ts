/** One object to store: a key in the layout of lib/ingest/layout.ts and its JSON text. */
export type StoredObject = { key: string; body: string };

/**
 * Where events end up. `write` resolves only once every object is durably stored (or throws),
 * because the API acknowledges events only after it resolves. The first copy stored under a key
 * wins: writing the key again resolves without changing it, so a retry is idempotent and a stored
 * event cannot be rewritten by someone who knows its id.
 */
export interface Sink {
  write(objects: StoredObject[]): Promise<void>;
}
