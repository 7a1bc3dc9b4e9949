import type pg from 'pg';
import { copyEvents, type StagedEvent } from './copy-rows';
import type { Day } from './days';
import { refreshDerived } from './derive';
import type { FileResult } from './read';
import { markRead, recordCheckpoint, recordErrors } from './state';

export type BatchCounts = { new: number; duplicate: number; bad: number };

type Refused = { key: string; line?: number; error: string };

/**
 * One transaction over several batches: each batch's rows go in by COPY as it comes, and at
 * commit the files marked read, the checkpoint and the derived tables of every session and client
 * touched commit with them, or nothing does. Sessions touched by several batches are derived once.
 * A batched object's lines may span batches and transactions: it is marked read with its last line.
 */
export class LoadTransaction {
  files = 0;
  private open = false;
  private counts: BatchCounts = { new: 0, duplicate: 0, bad: 0 };
  private readonly sessionIds = new Set<string>();
  private readonly clientIds = new Set<string>();

  constructor(
    private readonly client: pg.PoolClient,
    private readonly source: string,
    private readonly clock: () => Date,
  ) {}

  /** `done`: the files whose last results are in `results` (or before), marked read with them. */
  async add(results: FileResult[], done: string[]): Promise<void> {
    if (!this.open) await this.client.query('BEGIN');
    this.open = true;
    const good = results.filter((result): result is StagedEvent & FileResult => result.event !== undefined);
    const refused: Refused[] = results.flatMap(({ key, line, error }) => (error === undefined ? [] : [{ key, line, error }]));
    const unreadable = refused.length;
    const inserted = await this.insertOrBisect(good, refused);
    const now = this.clock();
    await recordErrors(this.client, refused, now);
    await markRead(this.client, this.source, done, now);
    this.files += done.length;
    this.counts.new += inserted;
    this.counts.bad += refused.length;
    this.counts.duplicate += good.length - (refused.length - unreadable) - inserted;
  }

  /** Derives, moves the checkpoint and commits; returns what this transaction loaded. */
  async commit(checkpoint: Day): Promise<BatchCounts & { files: number }> {
    const counts = { ...this.counts, files: this.files };
    if (!this.open) return counts;
    await refreshDerived(this.client, { sessionIds: [...this.sessionIds], clientIds: [...this.clientIds] });
    await recordCheckpoint(this.client, this.source, checkpoint, this.clock());
    await this.client.query('COMMIT');
    this.reset();
    return counts;
  }

  async rollback(): Promise<void> {
    if (this.open) await this.client.query('ROLLBACK').catch(() => {});
    this.reset();
  }

  private reset() {
    this.open = false;
    this.files = 0;
    this.counts = { new: 0, duplicate: 0, bad: 0 };
    this.sessionIds.clear();
    this.clientIds.clear();
  }

  // A value that passed the schema but not PostgreSQL (a NUL character, say) fails the whole COPY:
  // halve the batch until the refused file (or line) stands alone, and keep the rest.
  private async insertOrBisect(events: StagedEvent[], refused: Refused[]): Promise<number> {
    if (!events.length) return 0;
    await this.client.query('SAVEPOINT batch_rows');
    try {
      const result = await copyEvents(this.client, events);
      await this.client.query('RELEASE SAVEPOINT batch_rows');
      result.sessionIds.forEach((id) => this.sessionIds.add(id));
      result.clientIds.forEach((id) => this.clientIds.add(id));
      return result.inserted;
    } catch (cause) {
      if (!isRefusedValue(cause)) throw cause;
      await this.client.query('ROLLBACK TO SAVEPOINT batch_rows');
      await this.client.query('RELEASE SAVEPOINT batch_rows');
      if (events.length === 1) {
        refused.push({ key: events[0].key, line: events[0].line, error: `PostgreSQL refused a value: ${(cause as Error).message}` });
        return 0;
      }
      const half = Math.ceil(events.length / 2);
      return (await this.insertOrBisect(events.slice(0, half), refused)) + (await this.insertOrBisect(events.slice(half), refused));
    }
  }
}

// SQLSTATE classes 22 (data exception) and 23 (integrity constraint): the data, not the database.
// A unique violation (23505) is not the file's fault: only another writer could have caused it.
function isRefusedValue(error: unknown): boolean {
  const code = (error as { code?: unknown })?.code;
  return typeof code === 'string' && (code.startsWith('22') || code.startsWith('23')) && code !== '23505';
}
