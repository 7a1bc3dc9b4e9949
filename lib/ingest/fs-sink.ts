import { randomUUID } from 'node:crypto';
import { rename, rm, writeFile } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { Sink, StoredObject } from './sink';

// Callback fs with one promise per file: fs/promises' FileHandle path costs several promises per
// file, and every promise is dearer under the async hooks Next.js keeps enabled.
function writeThenRename(temporary: string, target: string, body: string): Promise<void> {
  return new Promise((resolve, reject) => {
    writeFile(temporary, body, (writeError) => {
      if (writeError) return reject(writeError);
      rename(temporary, target, (renameError) => (renameError ? reject(renameError) : resolve()));
    });
  });
}

/**
 * Stores each object as a file under `root`. Files are written to a temporary name in the same
 * folder, then renamed, so a reader never sees half an event and a retry replaces the file whole.
 */
export class FileSystemSink implements Sink {
  private readonly knownDirs = new Set<string>();

  constructor(readonly root: string) {}

  async write(objects: StoredObject[]): Promise<void> {
    await Promise.all(objects.map((object) => this.writeOne(object)));
  }

  private async writeOne({ key, body }: StoredObject): Promise<void> {
    const target = path.join(this.root, key);
    const dir = path.dirname(target);
    if (!this.knownDirs.has(dir)) await this.makeDir(dir);
    const temporary = path.join(dir, `.tmp-${randomUUID()}`);
    try {
      await writeThenRename(temporary, target, body).catch(async (error: NodeJS.ErrnoException) => {
        // The folder was removed behind our back (tests clear the store): make it again, once.
        if (error.code !== 'ENOENT') throw error;
        await this.makeDir(dir);
        await writeThenRename(temporary, target, body);
      });
    } catch (error) {
      this.knownDirs.delete(dir);
      await new Promise((resolve) => rm(temporary, { force: true }, resolve));
      throw error;
    }
  }

  private async makeDir(dir: string): Promise<void> {
    await mkdir(dir, { recursive: true });
    this.knownDirs.add(dir);
  }
}
