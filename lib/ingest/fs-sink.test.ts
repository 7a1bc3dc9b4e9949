import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { FileSystemSink } from './fs-sink';

const roots: string[] = [];
function tempRoot() {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'ingest-fs-'));
  roots.push(root);
  return root;
}
afterEach(() => roots.splice(0).forEach((root) => fs.rmSync(root, { recursive: true, force: true })));

const list = (dir: string): string[] =>
  fs.readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => path.relative(dir, path.join(e.parentPath, e.name))).sort();

describe('FileSystemSink', () => {
  it('writes each object at its key, replaces it on retry, and leaves no temporary files', async () => {
    const root = tempRoot();
    const sink = new FileSystemSink(root);
    await sink.write([
      { key: 'events/2026/03/04/event-a.json', body: '{"n":1}' },
      { key: 'events/2026/03/05/event-b.json', body: '{"n":2}' },
    ]);
    await sink.write([{ key: 'events/2026/03/04/event-a.json', body: '{"n":3}' }]);
    expect(list(root)).toEqual(['events/2026/03/04/event-a.json', 'events/2026/03/05/event-b.json']);
    expect(fs.readFileSync(path.join(root, 'events/2026/03/04/event-a.json'), 'utf8')).toBe('{"n":3}');
  });

  it('recreates a folder removed behind its back', async () => {
    const root = tempRoot();
    const sink = new FileSystemSink(root);
    await sink.write([{ key: 'events/2026/03/04/event-a.json', body: '{}' }]);
    fs.rmSync(path.join(root, 'events'), { recursive: true });
    await sink.write([{ key: 'events/2026/03/04/event-b.json', body: '{}' }]);
    expect(list(root)).toEqual(['events/2026/03/04/event-b.json']);
  });

  it('fails, rather than pretending, when it cannot write', async () => {
    const root = tempRoot();
    fs.writeFileSync(path.join(root, 'events'), 'a file where a folder should be');
    await expect(new FileSystemSink(root).write([{ key: 'events/2026/03/04/event-a.json', body: '{}' }])).rejects.toThrow();
  });
});
