// The live report from the live table: one Query per minute partition of the window
// (lib/live/item.ts), all at once, each cut at the window's start by its sort key.
import { QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { LiveEvent } from './item';
import { minutePartition } from './item';
import { WINDOW_MINUTES, liveReport, type LiveReport } from './report';

const FIELDS: (keyof LiveEvent)[] = [
  'event_id', 'event_name', 'at', 'session_id', 'client_id', 'page_path', 'product_id', 'product_name',
  'unit_price', 'quantity', 'order_id', 'order_value', 'device_type',
];
// Several of these (`at`, `quantity`) are DynamoDB reserved words: every field goes by a placeholder.
const NAMES = Object.fromEntries(FIELDS.map((field, i) => [`#f${i}`, field]));
const PROJECTION = Object.keys(NAMES).join(', ');

async function partition(client: DynamoDBDocumentClient, table: string, pk: string, since: string): Promise<LiveEvent[]> {
  const events: LiveEvent[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await client.send(
      new QueryCommand({
        TableName: table,
        KeyConditionExpression: 'pk = :pk AND sk >= :since',
        ExpressionAttributeValues: { ':pk': pk, ':since': since },
        ExpressionAttributeNames: NAMES,
        ProjectionExpression: PROJECTION,
        ExclusiveStartKey: start,
      }),
    );
    events.push(...((page.Items ?? []) as LiveEvent[]));
    start = page.LastEvaluatedKey;
  } while (start);
  return events;
}

export async function liveFromStream(client: DynamoDBDocumentClient, table: string, now: Date): Promise<LiveReport> {
  const since = new Date(now.getTime() - WINDOW_MINUTES * 60_000);
  const minutes = Array.from({ length: WINDOW_MINUTES + 1 }, (_, i) => minutePartition(new Date(since.getTime() + i * 60_000)));
  const events = await Promise.all(minutes.map((pk) => partition(client, table, pk, since.toISOString())));
  return liveReport(events.flat(), now, 'stream');
}
