import path from 'node:path';
import type { Logger } from '@/lib/ingest/log';
import type { StreamWorkerConfig } from './config';
import { createDelivery } from './delivery';
import { createKinesisClient } from './kinesis-client';
import { startPoller, type StreamConsumer } from './poller';

/** Where each consumer keeps its checkpoint: beside the objects, out of the events/ and errors/ trees. */
export const checkpointFile = (dataDir: string, stream: string, consumer: string) => path.join(dataDir, '.stream-checkpoints', `${stream}.${consumer}.json`);

/**
 * The consumers of the local stream worker, each reading the whole stream on its own with its own
 * checkpoint, as Firehose and the Lambda's event source mapping do on AWS. This list is where the
 * live view's consumer (lib/live/consumer.ts, writing CLICKSTREAM_LIVE_TABLE) is added.
 */
export function streamConsumers(config: StreamWorkerConfig): StreamConsumer[] {
  return [createDelivery({ root: config.dataDir, bufferBytes: config.bufferBytes, bufferMs: config.bufferMs })];
}

/** Starts one poller per consumer; stop() lets the batches in hand finish and checkpoint. */
export async function startStreamWorker(config: StreamWorkerConfig, log: Logger, consumers = streamConsumers(config)) {
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
