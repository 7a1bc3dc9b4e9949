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

/**
 * Stored events to one sink and everything else (the rejected-events records) to another: a
 * stream carries stored events only, so its consumers never meet a record of another shape.
 */
export function splitSink(events: Sink, others: Sink, isEvent: (key: string) => boolean): Sink {
  return {
    async write(objects) {
      const [mine, theirs] = [objects.filter(({ key }) => isEvent(key)), objects.filter(({ key }) => !isEvent(key))];
      await Promise.all([mine.length ? events.write(mine) : null, theirs.length ? others.write(theirs) : null]);
    },
  };
}
