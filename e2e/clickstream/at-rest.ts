// What the ingestion API stored in its folder sink (CLICKSTREAM_DATA_DIR): `events/YYYY/MM/DD/event-<id>.json`.
// A stored event is never rewritten (the first copy wins), so each file is read once and kept.
import fs from 'node:fs';
import path from 'node:path';

const read = new Map<string, unknown>();

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
    return fs.readdirSync(folder).filter((name) => /^event-.+\.json$/.test(name)).flatMap((name) => {
      const file = path.join(folder, name);
      if (!read.has(file)) {
        try {
          read.set(file, JSON.parse(fs.readFileSync(file, 'utf8')));
        } catch {
          return []; // still being written: the next look reads it whole
        }
      }
      return [read.get(file)];
    });
  });
}

