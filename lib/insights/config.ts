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
