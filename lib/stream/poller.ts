import {
  ExpiredIteratorException,
  GetRecordsCommand,
  GetShardIteratorCommand,
  ListShardsCommand,
  type KinesisClient,
  type Shard,
  type _Record,
} from '@aws-sdk/client-kinesis';
import { describeError, type Logger } from '@/lib/ingest/log';
import { Checkpoint } from './checkpoint';
import { ensureStream } from './ensure-stream';
import type { StreamRecord } from './record';

/**
 * Reads the stream's records in batches, in order per shard. It fails the whole batch by throwing,
 * or some records by naming their sequence numbers: the batch is then read again from the first
 * record not handled (records before it in the shard are not handed over again).
 */
export type StreamConsumer = {
  name: string;
  handle(records: StreamRecord[]): Promise<{ failed: string[] } | void>;
};

export type PollerOptions = {
  client: KinesisClient;
  stream: string;
  consumer: StreamConsumer;
  /** The consumer's checkpoint file. */
  checkpointFile: string;
  log: Logger;
  /** Pause after an empty read, per shard (Kinesis allows 5 reads per second per shard). */
  idleMs?: number;
  /** Pause before reading again after a failure. */
  retryMs?: number;
  /** How often the shard list is read again, to find the children of a split or merge. */
  shardRefreshMs?: number;
};

export type Poller = { stop(): Promise<void> };

const toRecord = (record: _Record): StreamRecord => ({
  sequenceNumber: record.SequenceNumber!,
  partitionKey: record.PartitionKey!,
  data: record.Data!,
  arrivedAt: record.ApproximateArrivalTimestamp ?? new Date(),
});

/**
 * Hands every record of every shard to one consumer, at least once: a shard's checkpoint moves only
 * after the consumer succeeded, so a crash or a failure replays records, never skips them. After a
 * reshard, a child shard is read only once its parents are read to their end, keeping each
 * partition key's records in order.
 */
export async function startPoller(options: PollerOptions): Promise<Poller> {
  const { client, stream, consumer, log, idleMs = 200, retryMs = 1000, shardRefreshMs = 5000 } = options;
  const checkpoint = await Checkpoint.open(options.checkpointFile, await ensureStream(client, stream));
  const reading = new Map<string, Promise<void>>();
  let stopped = false;
  // Pauses end early on stop().
  const sleepers = new Set<() => void>();
  const pause = (ms: number) =>
    new Promise<void>((resolve) => {
      if (stopped) return resolve();
      const wake = () => (clearTimeout(timer), sleepers.delete(wake), resolve());
      const timer = setTimeout(wake, ms);
      sleepers.add(wake);
    });
  const context = (extra: Record<string, unknown>) => ({ stream, consumer: consumer.name, ...extra });

  async function iteratorFor(ShardId: string): Promise<string | undefined> {
    const after = checkpoint.sequenceNumber(ShardId);
    const start = after ? { ShardIteratorType: 'AFTER_SEQUENCE_NUMBER' as const, StartingSequenceNumber: after } : { ShardIteratorType: 'TRIM_HORIZON' as const };
    return (await client.send(new GetShardIteratorCommand({ StreamName: stream, ShardId, ...start }))).ShardIterator;
  }

  async function readShard(shardId: string): Promise<void> {
    let iterator: string | undefined;
    while (!stopped) {
      try {
        iterator ??= await iteratorFor(shardId);
        if (!iterator) return void (await checkpoint.save(shardId, { finished: true }));
        const page = await client.send(new GetRecordsCommand({ ShardIterator: iterator, Limit: 1000 }));
        const records = (page.Records ?? []).map(toRecord);
        if (records.length && !(await handOver(shardId, records))) {
          iterator = undefined;
          await pause(retryMs);
          continue;
        }
        if (!page.NextShardIterator) return void (await checkpoint.save(shardId, { finished: true }));
        iterator = page.NextShardIterator;
        if (!records.length) await pause(idleMs);
      } catch (error) {
        iterator = undefined;
        if (!(error instanceof ExpiredIteratorException)) {
          log('warn', 'stream read failed; reading again from the checkpoint', context({ shard: shardId, ...describeError(error) }));
          await pause(retryMs);
        }
      }
    }
  }

  /** true when the whole batch was handled; false when it must be read again from the checkpoint. */
  async function handOver(shardId: string, records: StreamRecord[]): Promise<boolean> {
    let failed: string[];
    try {
      failed = (await consumer.handle(records))?.failed ?? [];
    } catch (error) {
      log('warn', 'stream consumer failed; its records will be handed over again', context({ shard: shardId, records: records.length, ...describeError(error) }));
      return false;
    }
    const firstFailed = failed.length ? records.findIndex((record) => failed.includes(record.sequenceNumber)) : -1;
    const done = firstFailed === -1 ? records.length : firstFailed;
    if (done) await checkpoint.save(shardId, { sequenceNumber: records[done - 1].sequenceNumber });
    if (firstFailed === -1) return true;
    log('warn', 'stream consumer failed some records; they will be handed over again', context({ shard: shardId, failed: failed.length }));
    return false;
  }

  async function listShards(): Promise<Shard[]> {
    const shards: Shard[] = [];
    let token: string | undefined;
    do {
      const page = await client.send(new ListShardsCommand(token ? { NextToken: token } : { StreamName: stream }));
      shards.push(...(page.Shards ?? []));
      token = page.NextToken;
    } while (token);
    return shards;
  }

  async function run(): Promise<void> {
    while (!stopped) {
      try {
        const shards = await listShards();
        const listed = new Set(shards.map((shard) => shard.ShardId!));
        // A parent no longer listed has aged out of the stream's retention: nothing is left to read in it.
        const parentsDone = (shard: Shard) => [shard.ParentShardId, shard.AdjacentParentShardId].every((parent) => !parent || !listed.has(parent) || checkpoint.finished(parent));
        for (const shard of shards) {
          const id = shard.ShardId!;
          if (reading.has(id) || checkpoint.finished(id) || !parentsDone(shard)) continue;
          reading.set(id, readShard(id).finally(() => reading.delete(id)));
        }
      } catch (error) {
        log('warn', 'listing the stream shards failed', context(describeError(error)));
      }
      await pause(shardRefreshMs);
    }
  }

  const running = run();
  return {
    async stop() {
      stopped = true;
      for (const wake of sleepers) wake();
      await running;
      await Promise.all(reading.values());
    },
  };
}
