import type { KinesisStreamBatchResponse, KinesisStreamEvent } from 'aws-lambda';
import { jsonLogger } from '../lib/ingest/log';
import { liveClient, readLiveConfig } from '../lib/live/config';
import { createLiveConsumer, type LiveConsumer } from '../lib/live/consumer';
import type { StreamRecord } from '../lib/stream/record';

// The Lambda on the Kinesis stream's event source mapping (ReportBatchItemFailures): the live
// consumer over the records of one batch. CLICKSTREAM_LIVE_TABLE is read once per container.
let consumer: LiveConsumer | undefined;

function liveConsumer(): LiveConsumer {
  if (consumer) return consumer;
  const config = readLiveConfig();
  // Thrown, not answered: the whole batch stays on the stream until the function is configured.
  if (!config) throw new Error('CLICKSTREAM_LIVE_TABLE must name the live DynamoDB table');
  return (consumer = createLiveConsumer({ client: liveClient(config), table: config.table, log: jsonLogger }));
}

/** A record of the event as consumers take it (lib/stream/record.ts): the data arrives base64-encoded. */
export const toStreamRecord = ({ kinesis }: KinesisStreamEvent['Records'][number]): StreamRecord => ({
  sequenceNumber: kinesis.sequenceNumber,
  partitionKey: kinesis.partitionKey,
  data: Buffer.from(kinesis.data, 'base64'),
  arrivedAt: new Date(kinesis.approximateArrivalTimestamp * 1000),
});

export async function handler(event: KinesisStreamEvent): Promise<KinesisStreamBatchResponse> {
  const { failed } = await liveConsumer().handle(event.Records.map(toStreamRecord));
  return { batchItemFailures: failed.map((itemIdentifier) => ({ itemIdentifier })) };
}

/** Forgets the cached configuration; tests use it to run the handler under different settings. */
export function resetLiveHandlerForTests(): void {
  consumer = undefined;
}
