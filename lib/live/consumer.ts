// The live consumer: stream records in, the eligible events written to the live table, the
// sequence numbers that could not be written handed back so the caller redelivers them (the
// Lambda as ReportBatchItemFailures, the local poller by not advancing past them).
import { BatchWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { describeError, jsonLogger, type Logger } from '../ingest/log';
import type { StreamRecord } from '../stream/record';
import { judge } from './eligible';
import { liveItem, type LiveItem } from './item';

export type LiveConsumerOptions = {
  client: DynamoDBDocumentClient;
  table: string;
  /** Events whose item would already have expired at this time are not written. */
  now?: () => Date;
  log?: Logger;
  /** BatchWrite rounds for unprocessed items before their records count as failed. */
  attempts?: number;
};

export type LiveConsumer = { handle(records: StreamRecord[]): Promise<{ failed: string[] }> };

// BatchWriteItem takes at most 25 items, and rejects a request that names one key twice.
const BATCH_ITEMS = 25;

export function createLiveConsumer({ client, table, now = () => new Date(), log = jsonLogger, attempts = 5 }: LiveConsumerOptions): LiveConsumer {
  async function write(batch: Map<string, { item: LiveItem; sequences: string[] }>): Promise<string[]> {
    let pending = [...batch.values()].map(({ item }) => item);
    for (let attempt = 0; attempt < attempts && pending.length; attempt++) {
      if (attempt) await new Promise((resolve) => setTimeout(resolve, 50 * 2 ** attempt));
      const answer = await client.send(new BatchWriteCommand({ RequestItems: { [table]: pending.map((Item) => ({ PutRequest: { Item } })) } }));
      pending = (answer.UnprocessedItems?.[table] ?? []).map((request) => request.PutRequest?.Item as LiveItem);
    }
    return pending.flatMap((item) => batch.get(item.sk)?.sequences ?? []);
  }

  return {
    async handle(records) {
      const expiredBefore = Math.floor(now().getTime() / 1000);
      // Keyed by sort key: a record delivered twice in one batch is one put, answered for both.
      const items = new Map<string, { item: LiveItem; sequences: string[] }>();
      for (const record of records) {
        const verdict = judge(record.data);
        if (!verdict.keep) {
          // Not retried: a record that is not eligible now never will be.
          log('info', 'live consumer skipped a record', { sequence_number: record.sequenceNumber, reason: verdict.reason });
          continue;
        }
        const item = liveItem(verdict.event);
        if (item.expires_at <= expiredBefore) continue;
        const known = items.get(item.sk);
        if (known) known.sequences.push(record.sequenceNumber);
        else items.set(item.sk, { item, sequences: [record.sequenceNumber] });
      }
      const entries = [...items.entries()];
      const batches: Map<string, { item: LiveItem; sequences: string[] }>[] = [];
      for (let i = 0; i < entries.length; i += BATCH_ITEMS) batches.push(new Map(entries.slice(i, i + BATCH_ITEMS)));
      const failed = await Promise.all(
        batches.map((batch) =>
          write(batch).catch((error: unknown) => {
            log('error', 'live consumer could not write a batch', { table, items: batch.size, ...describeError(error) });
            return [...batch.values()].flatMap(({ sequences }) => sequences);
          }),
        ),
      );
      return { failed: failed.flat() };
    },
  };
}
