import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { FileSystemSink } from './fs-sink';

// A fault injected once at the one moment no real test can time: after the temporary write,
// before the move into place (rename or link, whichever the sink uses).
const beforeMove = vi.hoisted(() => ({ fault: null as null | (() => void) }));
vi.mock('node:fs', async (importOriginal) => {
  const actual = await importOriginal<typeof import('node:fs')>();
  const faulty = <F extends (from: string, to: string, done: (error: NodeJS.ErrnoException | null) => void) => void>(move: F) =>
    ((from: string, to: string, done: (error: NodeJS.ErrnoException | null) => void) => {
      const fault = beforeMove.fault;
      beforeMove.fault = null;
      fault?.();
      move(from, to, done);
    }) as F;
  return { ...actual, rename: faulty(actual.rename), link: faulty(actual.link) };
});

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
  it('writes each object at its key, keeps the first copy when the key comes again, and leaves no temporary files', async () => {
    const root = tempRoot();
    const sink = new FileSystemSink(root);
    await sink.write([
      { key: 'events/2026/03/04/event-a.json', body: '{"n":1}' },
      { key: 'events/2026/03/05/event-b.json', body: '{"n":2}' },
    ]);
    await sink.write([{ key: 'events/2026/03/04/event-a.json', body: '{"n":3}' }]);
    // Both at once: exactly one of them is stored, whole.
    await sink.write([
      { key: 'events/2026/03/06/event-c.json', body: '{"n":4}' },
      { key: 'events/2026/03/06/event-c.json', body: '{"n":5}' },
    ]);
    expect(list(root)).toEqual(['events/2026/03/04/event-a.json', 'events/2026/03/05/event-b.json', 'events/2026/03/06/event-c.json']);
    expect(fs.readFileSync(path.join(root, 'events/2026/03/04/event-a.json'), 'utf8')).toBe('{"n":1}');
    expect(['{"n":4}', '{"n":5}']).toContain(fs.readFileSync(path.join(root, 'events/2026/03/06/event-c.json'), 'utf8'));
  });

  it('recreates a folder removed behind its back', async () => {
    const root = tempRoot();
    const sink = new FileSystemSink(root);
    await sink.write([{ key: 'events/2026/03/04/event-a.json', body: '{}' }]);
    fs.rmSync(path.join(root, 'events'), { recursive: true });
    await sink.write([{ key: 'events/2026/03/04/event-b.json', body: '{}' }]);
    expect(list(root)).toEqual(['events/2026/03/04/event-b.json']);
  });

  it('leaves no temporary file behind when the day folder is replaced between the write and the move', async () => {
    const root = tempRoot();
    const sink = new FileSystemSink(root);
    const day = path.join(root, 'events/2026/03/04');
    await sink.write([{ key: 'events/2026/03/04/event-a.json', body: '{}' }]);
    beforeMove.fault = () => {
      fs.renameSync(day, `${day}-away`);
      fs.writeFileSync(day, 'a file where the folder was');
    };
    await expect(sink.write([{ key: 'events/2026/03/04/event-b.json', body: '{}' }])).rejects.toThrow(/ENOTDIR/);
    fs.rmSync(day);
    fs.renameSync(`${day}-away`, day);
    expect(list(root)).toEqual(['events/2026/03/04/event-a.json']);
  });

  it('recreates the day folder when it disappears between the write and the move', async () => {
    const root = tempRoot();
    const sink = new FileSystemSink(root);
    await sink.write([{ key: 'events/2026/03/04/event-a.json', body: '{}' }]);
    beforeMove.fault = () => fs.rmSync(path.join(root, 'events'), { recursive: true, force: true });
    await sink.write([{ key: 'events/2026/03/04/event-b.json', body: '{"n":2}' }]);
    expect(list(root)).toEqual(['events/2026/03/04/event-b.json']);
  });

  it('fails, rather than pretending, when it cannot write', async () => {
    const root = tempRoot();
    fs.writeFileSync(path.join(root, 'events'), 'a file where a folder should be');
    await expect(new FileSystemSink(root).write([{ key: 'events/2026/03/04/event-a.json', body: '{}' }])).rejects.toThrow();
  });
});
