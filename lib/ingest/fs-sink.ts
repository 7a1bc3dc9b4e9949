import { randomUUID } from 'node:crypto';
import { link, mkdir, rm, writeFile } from 'node:fs';
import path from 'node:path';
import type { Sink, StoredObject } from './sink';

/** Where temporary files are written: one folder under the root, apart from the folders readers list. */
export const STAGING_FOLDER = '.tmp-staging';

/**
 * Stores each object as a file under `root`. Files are written to a temporary `.tmp-<uuid>` name
 * in the staging folder, then hard-linked into place, so a reader never sees half an event, and
 * the link fails (EEXIST) rather than replace a file already there: the first copy wins. The
 * staging folder is not inside the day folders, so a day folder removed or replaced in between
 * cannot carry a temporary file away: the sink always deletes its own.
 */
export class FileSystemSink implements Sink {
  private readonly staging: string;

  constructor(readonly root: string) {
    this.staging = path.join(root, STAGING_FOLDER);
  }

  async write(objects: StoredObject[]): Promise<void> {
    await Promise.all(objects.map((object) => this.writeOne(object)));
  }

  // Callback fs and one promise per file: fs/promises' FileHandle path costs several promises per
  // file, and every promise is dearer under the async hooks Next.js keeps enabled. Folders are made
  // only when a write finds them missing (a new day, or a store cleared while running).
  private writeOne({ key, body }: StoredObject): Promise<void> {
    const target = path.join(this.root, key);
    const temporary = path.join(this.staging, `.tmp-${randomUUID()}`);
    return new Promise((resolve, reject) => {
      const done = (error: Error | null) => rm(temporary, { force: true }, () => (error ? reject(error) : resolve()));
      const retryInFolder = (dir: string, retry: () => void) => mkdir(dir, { recursive: true }, (error) => (error ? done(error) : retry()));
      const move = (mayMakeDir: boolean) =>
        link(temporary, target, (error) => {
          if (error?.code === 'ENOENT' && mayMakeDir) return retryInFolder(path.dirname(target), () => move(false));
          // EEXIST: this key is already stored, and that copy stays.
          done(error?.code === 'EEXIST' ? null : error);
        });
      const stage = (mayMakeDir: boolean) =>
        writeFile(temporary, body, (error) => {
          if (error?.code === 'ENOENT' && mayMakeDir) return retryInFolder(this.staging, () => stage(false));
          return error ? done(error) : move(true);
        });
      stage(true);
    });
  }
}
