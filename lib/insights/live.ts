// The `live` report in the insights API: not range-based, so it has its own entry beside the
// range reports, behind the same sign-in. Its source is the live table when the stream transport
// runs (CLICKSTREAM_LIVE_TABLE), else the warehouse, and the answer says which.
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { liveClient, readLiveConfig, type LiveConfig } from '../live/config';
import type { LiveReport } from '../live/report';
import { liveFromStream } from '../live/stream-source';
import { liveFromWarehouse } from '../live/warehouse-source';
import type { Db } from './sessions-in-range';

export const LIVE_REPORT = 'live';

export type LiveReader = (now: Date) => Promise<LiveReport>;

export const warehouseLive = (db: Db): LiveReader => (now) => liveFromWarehouse(db, now);

export const streamLive = (client: DynamoDBDocumentClient, config: LiveConfig): LiveReader => (now) => liveFromStream(client, config.table, now);

/** The live table's reader when CLICKSTREAM_LIVE_TABLE is set; null: the report reads the warehouse. */
export function liveReaderFromEnv(env: Record<string, string | undefined> = process.env): LiveReader | null {
  const config = readLiveConfig(env);
  return config ? streamLive(liveClient(config, env), config) : null;
}

export const LIVE_TABLE_UNREACHABLE = 'the live table is not reachable right now; the Live panel tries again in a few seconds';

/** A 503's words when the live table cannot answer (the warehouse's own have WAREHOUSE_ADVICE). */
export function liveTableTrouble(error: unknown): string | null {
  const name = (error as { name?: unknown }).name;
  if (name === 'ResourceNotFoundException') return 'the live table does not exist yet: the stream consumer creates it (CLICKSTREAM_SINK=kinesis npm run dev), or the stack has not been deployed with -c transport=stream';
  if (name === 'ProvisionedThroughputExceededException' || name === 'ThrottlingException') return 'the live table is busy right now; the Live panel tries again in a few seconds';
  return null;
}
