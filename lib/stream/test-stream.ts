// Shared by the stream tests: what a stream holds, read from its oldest record on every shard.
import { GetRecordsCommand, GetShardIteratorCommand, ListShardsCommand, type KinesisClient } from '@aws-sdk/client-kinesis';
import type { StreamRecord } from './record';

export async function readWholeStream(client: KinesisClient, stream: string): Promise<StreamRecord[]> {
  const { Shards = [] } = await client.send(new ListShardsCommand({ StreamName: stream }));
  const records: StreamRecord[] = [];
  for (const { ShardId } of Shards) {
    let iterator = (await client.send(new GetShardIteratorCommand({ StreamName: stream, ShardId, ShardIteratorType: 'TRIM_HORIZON' }))).ShardIterator;
    while (iterator) {
      const page = await client.send(new GetRecordsCommand({ ShardIterator: iterator }));
      for (const record of page.Records ?? []) {
        records.push({ sequenceNumber: record.SequenceNumber!, partitionKey: record.PartitionKey!, data: record.Data!, arrivedAt: record.ApproximateArrivalTimestamp! });
      }
      iterator = page.Records?.length || page.MillisBehindLatest ? page.NextShardIterator : undefined;
    }
  }
  return records;
}

export const text = (record: StreamRecord) => Buffer.from(record.data).toString('utf8');
