import fs from 'node:fs/promises';
import path from 'node:path';

type ShardMark = { sequenceNumber?: string; finished?: boolean };
type Saved = { streamCreatedAt: string; shards: Record<string, ShardMark> };

/**
 * One consumer's progress through one stream: per shard, the last sequence number it handled, or
 * that the shard is closed and read to its end. Kept in one JSON file, replaced atomically (a
 * temporary file renamed over it), and only written after the consumer has succeeded, so a crash
 * replays records rather than skips them. A file written for another incarnation of the stream (an
 * in-memory emulator restarted) is ignored: its sequence numbers mean nothing in the new one.
 */
export class Checkpoint {
  private shards: Record<string, ShardMark> = {};
  private writing: Promise<void> = Promise.resolve();

  private constructor(
    readonly file: string,
    private readonly streamCreatedAt: string,
  ) {}

  static async open(file: string, streamCreatedAt: Date): Promise<Checkpoint> {
    const checkpoint = new Checkpoint(file, streamCreatedAt.toISOString());
    const saved = await fs.readFile(file, 'utf8').then((text) => JSON.parse(text) as Saved, (error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return null;
      throw error;
    });
    if (saved?.streamCreatedAt === checkpoint.streamCreatedAt) checkpoint.shards = saved.shards;
    return checkpoint;
  }

  sequenceNumber(shardId: string): string | undefined {
    return this.shards[shardId]?.sequenceNumber;
  }

  finished(shardId: string): boolean {
    return this.shards[shardId]?.finished === true;
  }

  save(shardId: string, mark: ShardMark): Promise<void> {
    this.shards = { ...this.shards, [shardId]: { ...this.shards[shardId], ...mark } };
    const saved: Saved = { streamCreatedAt: this.streamCreatedAt, shards: this.shards };
    // One write at a time, each of the state as it is then: the last one written is the newest.
    this.writing = this.writing.catch(() => {}).then(() => replace(this.file, JSON.stringify(saved, null, 2)));
    return this.writing;
  }
}

async function replace(file: string, text: string): Promise<void> {
  await fs.mkdir(path.dirname(file), { recursive: true });
  const temporary = `${file}.tmp-${process.pid}`;
  await fs.writeFile(temporary, text);
  await fs.rename(temporary, file);
}
