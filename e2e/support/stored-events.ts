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

/** The path where the API stores one event, relative to the data folder. */
export function storedEventPath(event: Pick<StoredEvent, 'event_id' | 'event_timestamp'>): string {
  const [year, month, day] = event.event_timestamp.slice(0, 10).split('-');
  return path.join('events', year, month, day, `event-${event.event_id}.json`);
}

/** Removes every stored and rejected event, so a spec starts from an empty store. */
export function clearStoredEvents(dataDir: string): void {
  fs.rmSync(path.join(dataDir, 'events'), { recursive: true, force: true });
  fs.rmSync(path.join(dataDir, 'rejected'), { recursive: true, force: true });
}
