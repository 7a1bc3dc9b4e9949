// Shared by the stream tests: the batched objects a delivery wrote under a folder, read back.
import fs from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';

/** Every `.json.gz` object under `root/prefix`, keyed by its path relative to root, as its lines. */
export function readObjects(root: string, prefix: string): Map<string, string[]> {
  const objects = new Map<string, string[]>();
  const dir = path.join(root, prefix);
  if (!fs.existsSync(dir)) return objects;
  for (const file of fs.readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((name) => name.endsWith('.json.gz')).sort()) {
    const text = gunzipSync(fs.readFileSync(path.join(dir, file))).toString('utf8');
    objects.set(path.posix.join(prefix, file.split(path.sep).join('/')), text.trimEnd().split('\n'));
  }
  return objects;
}

/** The event_id of every stored event line under events/, repeats included. */
export const deliveredIds = (root: string) => [...readObjects(root, 'events').values()].flat().map((line) => (JSON.parse(line) as { event_id: string }).event_id);
