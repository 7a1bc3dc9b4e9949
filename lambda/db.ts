// The warehouse connection of the AWS Lambdas (loader and insights): IAM database authentication
// instead of a password, TLS verified against the CAs the runtime trusts. On Lambda those are the
// Amazon RDS CAs of /var/runtime/ca-cert.pem, loaded because the stack sets NODE_EXTRA_CA_CERTS to it.
import { Signer } from '@aws-sdk/rds-signer';
import pg from 'pg';
import { ConfigError } from '../lib/ingest/config';

export { ConfigError };

export type DbConfig = { host: string; port: number; database: string; user: string; region: string };

type Env = Record<string, string | undefined>;

/** WAREHOUSE_DB_HOST/_PORT/_NAME/_USER (set by the stack) and AWS_REGION (set by Lambda). */
export function readDbConfig(env: Env = process.env): DbConfig {
  const required = (name: string) => {
    const value = env[name]?.trim();
    if (!value) throw new ConfigError(`${name} is not set: the warehouse Lambdas get it from the stack (infra/lib/database-environment.ts)`);
    return value;
  };
  const rawPort = env.WAREHOUSE_DB_PORT?.trim() || '5432';
  const port = Number(rawPort);
  if (!Number.isInteger(port) || port < 1 || port > 65_535) throw new ConfigError(`WAREHOUSE_DB_PORT must be a port number (1-65535), got "${rawPort}"`);
  return { host: required('WAREHOUSE_DB_HOST'), port, database: required('WAREHOUSE_DB_NAME'), user: required('WAREHOUSE_DB_USER'), region: required('AWS_REGION') };
}

/**
 * A pool whose every new connection signs a fresh IAM token (valid 15 minutes, made locally from
 * the function's credentials: no network call). End it when the invocation is done: a frozen
 * Lambda keeps its sockets open, and Aurora does not pause while any connection is open.
 */
/** `options`: the connections' server settings (`-c name=value`), as libpq's `options`. */
export function createIamPool(config: DbConfig, options: { max: number; connectionTimeoutMillis: number; options?: string }): pg.Pool {
  const signer = new Signer({ hostname: config.host, port: config.port, username: config.user, region: config.region });
  const pool = new pg.Pool({
    host: config.host,
    port: config.port,
    database: config.database,
    user: config.user,
    password: () => signer.getAuthToken(),
    // Verified, never `rejectUnauthorized: false`; IAM authentication refuses plain connections anyway.
    ssl: { rejectUnauthorized: true },
    max: options.max,
    connectionTimeoutMillis: options.connectionTimeoutMillis,
    options: options.options,
  });
  // A connection dropped by the server must not crash the invocation; the next query reconnects.
  pool.on('error', () => {});
  return pool;
}
