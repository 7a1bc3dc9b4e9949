import { readBatchObject } from './read-batch';
import { readEventFile, type Take } from './read';
import { isBatchKey, type EventSource } from './source';

/** Reads one event file or batched object into `take`; only a failure of the store itself (SourceError) throws. */
export async function readObject(source: EventSource, key: string, take: Take): Promise<void> {
  if (isBatchKey(key)) return readBatchObject(source, key, take);
  return take([await readEventFile(source, key)], key);
}
