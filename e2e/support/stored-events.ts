// Reads what the ingestion API stored in its folder sink, for specs that check events end to end.
import fs from 'node:fs';
import path from 'node:path';
import type { StoredEvent } from '../../lib/contract/events';

function eventFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return eventFiles(full);
    return /^event-.+\.json$/.test(entry.name) ? [full] : [];
  });
}

/** Every stored event under `<dataDir>/events/YYYY/MM/DD/event-*.json`, oldest receipt first. */
export function readStoredEvents(dataDir: string): StoredEvent[] {
  const events = eventFiles(path.join(dataDir, 'events')).map(
    (file) => JSON.parse(fs.readFileSync(file, 'utf8')) as StoredEvent,
  );
  return events.sort((a, b) => a.event_timestamp.localeCompare(b.event_timestamp) || a.client_timestamp.localeCompare(b.client_timestamp));
}
