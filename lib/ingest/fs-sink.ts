import { randomUUID } from 'node:crypto';
import { mkdir, rename, rm, writeFile } from 'node:fs';
import path from 'node:path';
import type { Sink, StoredObject } from './sink';

/**
 * Stores each object as a file under `root`. Files are written to a temporary name in the same
 * folder, then renamed, so a reader never sees half an event and a retry replaces the file whole.
 */
export class FileSystemSink implements Sink {
  constructor(readonly root: string) {}

  async write(objects: StoredObject[]): Promise<void> {
    await Promise.all(objects.map((object) => this.writeOne(object)));
  }

  // Callback fs and one promise per file: fs/promises' FileHandle path costs several promises per
  // file, and every promise is dearer under the async hooks Next.js keeps enabled. Folders are made
  // only when a write finds them missing (a new day, or a store cleared while running).
  private writeOne({ key, body }: StoredObject): Promise<void> {
    const target = path.join(this.root, key);
    const dir = path.dirname(target);
    const temporary = path.join(dir, `.tmp-${randomUUID()}`);
    return new Promise((resolve, reject) => {
      const fail = (error: Error) => rm(temporary, { force: true }, () => reject(error));
      const attempt = (mayMakeDir: boolean) =>
        writeFile(temporary, body, (writeError) => {
          if (writeError?.code === 'ENOENT' && mayMakeDir) {
            return mkdir(dir, { recursive: true }, (mkdirError) => (mkdirError ? fail(mkdirError) : attempt(false)));
          }
          if (writeError) return fail(writeError);
          rename(temporary, target, (renameError) => (renameError ? fail(renameError) : resolve()));
        });
      attempt(true);
    });
  }
}
