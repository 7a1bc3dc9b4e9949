import { readBatchObject } from './read-batch';
import { readEventFile, type Take } from './read';
import { isBatchKey, type EventSource } from './source';

// Batched objects read at once: more would interleave the rows of many days in every COPY, which
// costs PostgreSQL more than it saves (docs/warehouse.md, "Benchmark"); 4 keep two cores busy.
const OBJECTS_AT_ONCE = 4;

/** How many of the load's `concurrency` read slots the key takes: a batched object holds thousands of events. */
export function readSlots(key: string, concurrency: number): number {
  return isBatchKey(key) ? Math.max(1, Math.floor(concurrency / OBJECTS_AT_ONCE)) : 1;
}

/** Reads one event file or batched object into `take`; only a failure of the store itself (SourceError) throws. */
export async function readObject(source: EventSource, key: string, take: Take): Promise<void> {
  if (isBatchKey(key)) return readBatchObject(source, key, take);
  return take([await readEventFile(source, key)], key);
}
