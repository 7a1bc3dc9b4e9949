import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { EVENTS_PREFIX } from '@/lib/ingest/layout';
import type { Day } from './days';
import { isEventFileName, SourceError, UnreadableFileError, type EventSource } from './source';

const PAGE_SIZE = 1000;
const STREAM_CHUNK = 256 * 1024;
const PART = { year: /^\d{4}$/, other: /^\d{2}$/ };
// Errors that concern one file, not the folder as a whole: that file is bad, the load goes on.
const FILE_ERRORS = new Set(['EISDIR', 'ENOENT', 'EACCES', 'EPERM', 'ELOOP', 'ENAMETOOLONG']);

/** The ingestion's default sink: files under `root` (CLICKSTREAM_DATA_DIR). */
export class FolderSource implements EventSource {
  readonly id: string;
  readonly root: string;

  constructor(root: string) {
    this.root = path.resolve(root);
    this.id = pathToFileURL(this.root).href;
  }

  /** Walks years, then months, then days, skipping whole years and months before `from`. */
  async *days(from: Day | null): AsyncGenerator<Day> {
    const keep = (path: string) => !from || path >= from.slice(0, path.length);
    for (const year of await this.folders('', PART.year)) {
      if (!keep(year)) continue;
      for (const month of await this.folders(`${year}/`, PART.other)) {
        const ym = `${year}/${month}`;
        if (!keep(ym)) continue;
        for (const day of await this.folders(`${ym}/`, PART.other)) if (keep(`${ym}/${day}`)) yield `${ym}/${day}`;
      }
    }
  }

  // opendir streams the entries, so a day of a million files is never one array.
  async *keys(prefix: string): AsyncGenerator<string[]> {
    let dir: fs.Dir;
    try {
      dir = await fs.promises.opendir(path.join(this.root, prefix), { bufferSize: 256 });
    } catch (cause) {
      if (errorCode(cause) === 'ENOENT') return;
      throw this.unreachable(cause);
    }
    yield* pages(eventNames(dir, prefix), PAGE_SIZE);
  }

  // A blocking read: on this kind of file (small, usually in the page cache) it costs a fifth of
  // the CPU of a read through libuv's thread pool, and the load is CPU-bound (docs/warehouse.md).
  async read(key: string): Promise<Buffer> {
    try {
      return fs.readFileSync(path.join(this.root, key));
    } catch (error) {
      throw this.fileError(error);
    }
  }

  async *stream(key: string): AsyncGenerator<Buffer> {
    try {
      yield* fs.createReadStream(path.join(this.root, key), { highWaterMark: STREAM_CHUNK });
    } catch (error) {
      throw this.fileError(error);
    }
  }

  private fileError(error: unknown): Error {
    const code = errorCode(error);
    if (code === 'EISDIR') return new UnreadableFileError('is a directory, not a file');
    if (code && FILE_ERRORS.has(code)) return new UnreadableFileError(`cannot be read (${code})`);
    return this.unreachable(error);
  }

  private async folders(under: string, shape: RegExp): Promise<string[]> {
    try {
      const entries = await fs.promises.readdir(path.join(this.root, EVENTS_PREFIX, under), { withFileTypes: true });
      return entries.filter((entry) => entry.isDirectory() && shape.test(entry.name)).map((entry) => entry.name).sort();
    } catch (cause) {
      if (errorCode(cause) !== 'ENOENT') throw this.unreachable(cause);
      if (!fs.existsSync(this.root)) {
        throw new SourceError(`the event folder ${this.root} does not exist (no event stored yet, or CLICKSTREAM_DATA_DIR points elsewhere)`, 'CLICKSTREAM_DATA_DIR');
      }
      return [];
    }
  }

  private unreachable(cause: unknown): SourceError {
    return new SourceError(`cannot read the event folder ${this.root}: ${(cause as Error).message}`, 'CLICKSTREAM_DATA_DIR');
  }
}

async function* eventNames(dir: fs.Dir, prefix: string): AsyncGenerator<string> {
  for await (const entry of dir) if (isEventFileName(entry.name)) yield prefix + entry.name;
}

function errorCode(error: unknown): string | undefined {
  return (error as NodeJS.ErrnoException)?.code;
}

/** Splits an async stream of names into pages of at most `size`. */
async function* pages<T>(items: AsyncIterable<T>, size: number): AsyncGenerator<T[]> {
  let page: T[] = [];
  for await (const item of items) {
    page.push(item);
    if (page.length >= size) {
      yield page;
      page = [];
    }
  }
  if (page.length) yield page;
}
