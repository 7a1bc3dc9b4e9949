// The warehouse of `npm run dev` (started by scripts/dev-warehouse.mjs): the embedded PostgreSQL
// (data in .data/postgres, reused by the next run) unless DATABASE_URL is set, and a load every
// WAREHOUSE_LOAD_INTERVAL_SECONDS (2), so that a click in the store is a row within seconds.
// SIGINT/SIGTERM: the load in progress finishes or rolls back, the server stops, exit 0.
import fs from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { describeError } from '@/lib/ingest/log';
import { readWarehouseConfig } from '@/lib/warehouse/config';
import { formatLoadResult, runLoad } from '@/lib/warehouse/load';
import { createSource, openWarehouse } from '@/lib/warehouse/runtime';
import { loadProjectEnv } from './warehouse-env';
import { unlistedAdvice } from './warehouse-unlisted';

const say = (line: string) => console.log(`[dev] ${line}`);

loadProjectEnv();
let warehouse: Awaited<ReturnType<typeof openWarehouse>>;
const config = (() => {
  try {
    return readWarehouseConfig();
  } catch (error) {
    console.error(`[dev] warehouse: ${(error as Error).message}`);
    process.exit(1);
  }
})();
// The ingestion makes the folder with its first event; until then there is simply nothing to load.
if (config.source.kind === 'folder') fs.mkdirSync(config.source.dir, { recursive: true });
try {
  warehouse = await openWarehouse(config);
} catch (error) {
  console.error(`[dev] warehouse: ${(error as Error).message}`);
  process.exit(1);
}

const stopped = new AbortController();
let closing: Promise<void> | undefined;
const stop = () => {
  stopped.abort();
  closing ??= warehouse.close().finally(() => process.exit(0));
};
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, stop);

const where = config.databaseUrl ? 'DATABASE_URL' : `${config.embedded.dir} (PostgreSQL on 127.0.0.1:${config.embedded.port})`;
const from = config.source.kind === 's3' ? `s3://${config.source.bucket}` : config.source.dir;
say(`Warehouse in ${where}, loading ${from} every ${config.loopIntervalMs / 1000} s; query it with npm run warehouse:sql -- "SELECT ..." (docs/warehouse.md).`);

const source = createSource(config.source, config.concurrency);
let lastError = '';
let lastUnlisted = '';
while (!stopped.signal.aborted) {
  try {
    const result = await runLoad({ source, db: warehouse.pool, clock: () => new Date(), log: (_level, message) => say(message) }, { lookbackDays: config.lookbackDays, concurrency: config.concurrency });
    if (result.filesRead) say(formatLoadResult(result));
    // Said once until it changes, like a failure.
    const unlisted = result.unlisted ? unlistedAdvice(result.unlisted) : '';
    if (unlisted && unlisted !== lastUnlisted) say(unlisted);
    lastUnlisted = unlisted;
    lastError = '';
  } catch (error) {
    // Said once until it changes, not every two seconds; the next load tries again.
    const message = String(describeError(error).error_message);
    if (!stopped.signal.aborted && message !== lastError) console.error(`[dev] warehouse load failed: ${message}; retrying every ${config.loopIntervalMs / 1000} s`);
    lastError = message;
  }
  await sleep(config.loopIntervalMs, undefined, { signal: stopped.signal }).catch(() => {});
}
