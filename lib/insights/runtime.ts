import { createRequire } from 'node:module';
import { createCognitoClaimsVerifier } from '../ingest/cognito-verifier';
import { describeError, jsonLogger, type Logger } from '../ingest/log';
import { readInsightsConfig, REPORT_CONNECTION_OPTIONS } from './config';
import { createInsightsHandler } from './core';
import { liveReaderFromEnv } from './live';
import type { Db } from './sessions-in-range';

// `pg` by its CommonJS entry: Next.js keeps it external, and an external loaded as an ES module is
// an async module, for which Turbopack adds async-module support to the browser runtime that every
// page (the shop's included) loads.
const { Pool } = createRequire(import.meta.url)('pg') as typeof import('pg');

function warehousePool(connectionString: string): Db {
  // A short connect timeout: a warehouse that is down answers 503 in a second, not after a hang.
  const pool = new Pool({ connectionString, max: 4, connectionTimeoutMillis: 1500, options: REPORT_CONNECTION_OPTIONS });
  // An idle connection dropped by the server must not crash the process; the next query reconnects.
  pool.on('error', () => {});
  return pool;
}

/** Wires the core to the configured warehouse, Cognito pool and live table; adapters call this once. */
export function createInsightsFromEnv(env: Record<string, string | undefined> = process.env, log: Logger = jsonLogger) {
  const config = readInsightsConfig(env);
  const verifyToken = config.cognito ? createCognitoClaimsVerifier(config.cognito, log) : null;
  return {
    config,
    handle: createInsightsHandler({ db: warehousePool(config.databaseUrl), verifyToken, log, live: liveReaderFromEnv(env) ?? undefined }),
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
