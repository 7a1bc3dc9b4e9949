import pg from 'pg';
import { createCognitoClaimsVerifier } from '../ingest/cognito-verifier';
import { describeError, jsonLogger, type Logger } from '../ingest/log';
import { readInsightsConfig } from './config';
import { createInsightsHandler } from './core';

/** Wires the core to the configured warehouse and Cognito pool; adapters call this once. */
export function createInsightsFromEnv(env: Record<string, string | undefined> = process.env, log: Logger = jsonLogger) {
  const config = readInsightsConfig(env);
  // A short connect timeout: a warehouse that is down answers 503 in a second, not after a hang.
  const pool = new pg.Pool({ connectionString: config.databaseUrl, max: 4, connectionTimeoutMillis: 1500 });
  // An idle connection dropped by the server must not crash the process; the next query reconnects.
  pool.on('error', () => {});
  const verifyToken = config.cognito ? createCognitoClaimsVerifier(config.cognito, log) : null;
  const handle = createInsightsHandler({ db: pool, verifyToken, log });
  return { config, pool, handle };
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
