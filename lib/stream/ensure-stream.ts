import { CreateStreamCommand, DescribeStreamSummaryCommand, ResourceInUseException, ResourceNotFoundException, type KinesisClient } from '@aws-sdk/client-kinesis';

/**
 * Creates the stream when it is missing (an emulator's, one shard) and resolves once it is ACTIVE.
 * Resolves to its creation time, which tells one incarnation of a stream from the next (a restarted
 * in-memory emulator starts it anew, and sequence numbers of the old one mean nothing there).
 */
export async function ensureStream(client: KinesisClient, stream: string, { shards = 1, timeoutMs = 30_000 } = {}): Promise<Date> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const { StreamDescriptionSummary: summary } = await client.send(new DescribeStreamSummaryCommand({ StreamName: stream }));
      if (summary?.StreamStatus === 'ACTIVE' && summary.StreamCreationTimestamp) return summary.StreamCreationTimestamp;
    } catch (error) {
      if (!(error instanceof ResourceNotFoundException)) throw error;
      await client.send(new CreateStreamCommand({ StreamName: stream, ShardCount: shards })).catch((race: unknown) => {
        if (!(race instanceof ResourceInUseException)) throw race;
      });
    }
    if (Date.now() > deadline) throw new Error(`stream ${stream} did not become ACTIVE within ${timeoutMs / 1000} s`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
