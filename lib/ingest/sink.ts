/** One object to store: a key in the layout of lib/ingest/layout.ts and its JSON text. */
export type StoredObject = { key: string; body: string };

/**
 * Where events end up. `write` resolves only once every object is durably stored (or throws),
 * because the API acknowledges events only after it resolves. Writing the same key again replaces
 * the object, which is what makes retries idempotent.
 */
export interface Sink {
  write(objects: StoredObject[]): Promise<void>;
}
