import path from 'node:path';
import type { Logger } from '@/lib/ingest/log';
import { liveClient, liveDynamoClient, readLiveConfig } from '@/lib/live/config';
import { createLiveConsumer } from '@/lib/live/consumer';
import { ensureLiveTable } from '@/lib/live/table';
import type { StreamWorkerConfig } from './config';
import { createDelivery } from './delivery';
import { createKinesisClient } from './kinesis-client';
import { startPoller, type StreamConsumer } from './poller';

/** Where each consumer keeps its checkpoint: beside the objects, out of the events/ and errors/ trees. */
export const checkpointFile = (dataDir: string, stream: string, consumer: string) => path.join(dataDir, '.stream-checkpoints', `${stream}.${consumer}.json`);

type Env = Record<string, string | undefined>;

/**
 * The consumers of the local stream worker, each reading the whole stream on its own with its own
 * checkpoint, as Firehose and the Lambda's event source mapping do on AWS: the delivery, and the
 * live view's consumer when CLICKSTREAM_LIVE_TABLE is set (its table created if missing).
 */
export async function streamConsumers(config: StreamWorkerConfig, log: Logger, env: Env = process.env): Promise<StreamConsumer[]> {
  const delivery = createDelivery({ root: config.dataDir, bufferBytes: config.bufferBytes, bufferMs: config.bufferMs });
  const live = readLiveConfig(env);
  if (!live) return [delivery];
  const dynamo = liveDynamoClient(live, env);
  await ensureLiveTable(dynamo, live.table);
  const consumer = createLiveConsumer({ client: liveClient(live, env, dynamo), table: live.table, log });
  return [delivery, { name: 'live', handle: (records) => consumer.handle(records) }];
}

/** Starts one poller per consumer; stop() lets the batches in hand finish and checkpoint. */
export async function startStreamWorker(config: StreamWorkerConfig, log: Logger, consumers?: StreamConsumer[]) {
  consumers ??= await streamConsumers(config, log);
  const client = createKinesisClient(config);
  const pollers = await Promise.all(
    consumers.map((consumer) => startPoller({ client, stream: config.stream, consumer, log, checkpointFile: checkpointFile(config.dataDir, config.stream, consumer.name) })),
  );
  return {
    consumers: consumers.map((consumer) => consumer.name),
    async stop() {
      await Promise.all(pollers.map((poller) => poller.stop()));
      client.destroy();
    },
  };
}
