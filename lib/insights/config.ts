// The insights API's settings, read once: the Cognito pool whose `analysts` may read the reports
// (the ingestion's own CLICKSTREAM_COGNITO_* settings, one pool for the whole store) and the warehouse.
import { ConfigError, readIngestConfig, type CognitoConfig } from '../ingest/config';
import { readWarehouseConfig } from '../warehouse/config';
import { embeddedWarehouseUrl } from '../warehouse/embedded-url';

export { ConfigError };

export type InsightsConfig = {
  /** null when no pool or issuer is set: every report then answers 503, never open by default. */
  cognito: CognitoConfig | null;
  databaseUrl: string;
};

type Env = Record<string, string | undefined>;

/** Without DATABASE_URL, the embedded warehouse that `npm run dev` runs: the API connects to it and never starts it. */
export function readInsightsConfig(env: Env = process.env): InsightsConfig {
  const warehouse = readWarehouseConfig(env);
  return {
    cognito: readIngestConfig(env).cognito,
    databaseUrl: warehouse.databaseUrl ?? embeddedWarehouseUrl(warehouse.embedded.port),
  };
}

/**
 * The reports' connections' settings, for every adapter's pool: a 90-day report sorts or hashes
 * every session of the range by shopper (18 MB at 1,000,000 events); at PostgreSQL's default 4 MB
 * work_mem that spilled to disk and took half again as long.
 */
export const REPORT_CONNECTION_OPTIONS = '-c work_mem=32MB';
