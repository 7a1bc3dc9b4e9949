import { jsonLogger } from '../lib/ingest/log';
import { readWarehouseConfig, type WarehouseConfig } from '../lib/warehouse/config';
import { formatLoadResult, runLoad, type LoadResult } from '../lib/warehouse/load';
import { S3Source } from '../lib/warehouse/s3-source';
import { createIamPool, readDbConfig, type DbConfig } from './db';
import { loadMetricsLine } from './load-metrics';

// The Lambda that EventBridge Scheduler runs every few minutes: one load of the warehouse from the
// raw bucket (CLICKSTREAM_S3_BUCKET), the same core as `npm run warehouse:load`. A failed load
// throws, so Lambda counts an error and the stack's failed-runs queue gets the run.

/** The input the stack's schedule sends (infra/lib/warehouse-loader.ts). */
export type ScheduledLoad = { source?: string; scheduledTime?: string; executionId?: string };

type Settings = { warehouse: WarehouseConfig; db: DbConfig };
let settings: Settings | undefined;

export async function handler(event: ScheduledLoad = {}): Promise<LoadResult> {
  // Read once per container; a missing setting fails every run with the variable's name.
  settings ??= { warehouse: readWarehouseConfig(), db: readDbConfig() };
  const { warehouse, db } = settings;
  if (warehouse.source.kind !== 's3') throw new Error('CLICKSTREAM_S3_BUCKET is not set: the loader Lambda reads the raw events bucket');
  // The load holds one connection for its lock and writes, and checks keys on another; a paused
  // database takes up to ~15 s to resume on the first connection.
  const pool = createIamPool(db, { max: 3, connectionTimeoutMillis: 30_000 });
  try {
    const result = await runLoad(
      { source: new S3Source({ ...warehouse.source, maxSockets: warehouse.concurrency }), db: pool, clock: () => new Date(), log: jsonLogger },
      { lookbackDays: warehouse.lookbackDays, concurrency: warehouse.concurrency },
    );
    console.log(loadMetricsLine(result, new Date()));
    jsonLogger('info', formatLoadResult(result), { ...result, scheduled_time: event.scheduledTime, execution_id: event.executionId });
    return result;
  } finally {
    await pool.end();
  }
}
