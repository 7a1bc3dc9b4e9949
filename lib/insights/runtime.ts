import { createRequire } from 'node:module';
import { createCognitoClaimsVerifier } from '../ingest/cognito-verifier';
import { describeError, jsonLogger, type Logger } from '../ingest/log';
import { readInsightsConfig } from './config';
import { liveClient, readLiveConfig } from '../live/config';
import { createInsightsHandler } from './core';
import { streamLive } from './live';
import type { Db } from './sessions-in-range';

// `pg` by its CommonJS entry: Next.js keeps it external, and an external loaded as an ES module is
// an async module, for which Turbopack adds async-module support to the browser runtime that every
// page (the shop's included) loads.
const { Pool } = createRequire(import.meta.url)('pg') as typeof import('pg');

const REPORT_WORK_MEM = '32MB';

function warehousePool(connectionString: string): Db {
  // A short connect timeout: a warehouse that is down answers 503 in a second, not after a hang.
  // work_mem: a 90-day report sorts or hashes every session of the range by shopper (18 MB at
  // 1,000,000 events); at PostgreSQL's default 4 MB that spilled to disk and took half again as long.
  const pool = new Pool({ connectionString, max: 4, connectionTimeoutMillis: 1500, options: `-c work_mem=${REPORT_WORK_MEM}` });
  // An idle connection dropped by the server must not crash the process; the next query reconnects.
  pool.on('error', () => {});
  return pool;
}

/** Wires the core to the configured warehouse, Cognito pool and live table; adapters call this once. */
export function createInsightsFromEnv(env: Record<string, string | undefined> = process.env, log: Logger = jsonLogger) {
  const config = readInsightsConfig(env);
  const verifyToken = config.cognito ? createCognitoClaimsVerifier(config.cognito, log) : null;
  const live = readLiveConfig(env);
  return {
    config,
    handle: createInsightsHandler({ db: warehousePool(config.databaseUrl), verifyToken, log, live: live ? streamLive(liveClient(live, env), live) : undefined }),
  };
}

export type Insights = ReturnType<typeof createInsightsFromEnv>;

/**
 * Built from the environment on first use (so importing reads no configuration, as `next build`
 * does) and kept; null, logged, while the configuration is invalid.
 */
export function insightsOnFirstUse(env: Record<string, string | undefined> = process.env, log: Logger = jsonLogger): () => Insights | null {
  let insights: Insights | undefined;
  return () => {
    try {
      return (insights ??= createInsightsFromEnv(env, log));
    } catch (cause) {
      log('error', 'insights configuration is invalid', describeError(cause));
      return null;
    }
  };
}
