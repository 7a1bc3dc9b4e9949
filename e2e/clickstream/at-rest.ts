// What the ingestion API stored in its folder sink (CLICKSTREAM_DATA_DIR): `events/YYYY/MM/DD/event-<id>.json`,
// or, with the stream transport, what the delivery wrote there: `batch-<name>.json.gz` (or `.json`),
// one stored event a line. A stored event is never rewritten (the first copy wins) and a batch
// object appears whole (renamed into place), so each file is read once and kept.
import fs from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { isBatchKey, isEventFileName } from '../../lib/warehouse/source';

const read = new Map<string, unknown[]>();

function parse(file: string, name: string): unknown[] {
  if (!isBatchKey(name)) return [JSON.parse(fs.readFileSync(file, 'utf8'))];
  const bytes = fs.readFileSync(file);
  const text = name.endsWith('.gz') ? gunzipSync(bytes).toString('utf8') : bytes.toString('utf8');
  return text.split('\n').filter(Boolean).map((line) => JSON.parse(line));
}

function dayFolders(dataDir: string, since: Date): string[] {
  const folders: string[] = [];
  // One folder per UTC day of receipt: only the days since the test started can hold its events.
  for (let day = Date.UTC(since.getUTCFullYear(), since.getUTCMonth(), since.getUTCDate()); day <= Date.now(); day += 86_400_000) {
    const iso = new Date(day).toISOString();
    folders.push(path.join(dataDir, 'events', iso.slice(0, 4), iso.slice(5, 7), iso.slice(8, 10)));
  }
  return folders;
}

/** Every event stored since `since` (by the day of receipt), as parsed JSON, not yet checked against the contract. */
export function storedSince(dataDir: string, since: Date): unknown[] {
  return dayFolders(dataDir, since).flatMap((folder) => {
    if (!fs.existsSync(folder)) return [];
    return fs.readdirSync(folder).filter(isEventFileName).flatMap((name) => {
      const file = path.join(folder, name);
      if (!read.has(file)) {
        try {
          read.set(file, parse(file, name));
        } catch {
          return []; // still being written: the next look reads it whole
        }
      }
      return read.get(file)!;
    });
  });
}

