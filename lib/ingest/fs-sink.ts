import { randomUUID } from 'node:crypto';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Sink, StoredObject } from './sink';

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
    if (!this.knownDirs.has(dir)) {
      await mkdir(dir, { recursive: true });
      this.knownDirs.add(dir);
    }
    const temporary = path.join(dir, `.tmp-${randomUUID()}`);
    try {
      await writeFile(temporary, body);
      await rename(temporary, target);
    } catch (error) {
      // The folder may have been removed behind our back (tests clear it): forget it and clean up.
      this.knownDirs.delete(dir);
      await rm(temporary, { force: true });
      throw error;
    }
  }
}
