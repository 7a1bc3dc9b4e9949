import { afterEach, describe, expect, it } from 'vitest';
import { ConfigError, createIamPool, readDbConfig } from './db';

// What the stack sets (infra/lib/database-environment.ts), and what Lambda sets itself.
const STACK_ENV = {
  WAREHOUSE_DB_HOST: 'lumen.cluster-abc123.eu-central-1.rds.amazonaws.com',
  WAREHOUSE_DB_PORT: '5432',
  WAREHOUSE_DB_NAME: 'clickstream_dw',
  WAREHOUSE_DB_USER: 'clickstream_loader',
  AWS_REGION: 'eu-central-1',
};

describe('readDbConfig', () => {
  it('reads the endpoint, database and user the stack sets', () => {
    expect(readDbConfig(STACK_ENV)).toEqual({
      host: STACK_ENV.WAREHOUSE_DB_HOST,
      port: 5432,
      database: 'clickstream_dw',
      user: 'clickstream_loader',
      region: 'eu-central-1',
    });
  });

  it.each(['WAREHOUSE_DB_HOST', 'WAREHOUSE_DB_NAME', 'WAREHOUSE_DB_USER', 'AWS_REGION'])('names %s when it is missing', (name) => {
    expect(() => readDbConfig({ ...STACK_ENV, [name]: ' ' })).toThrow(new RegExp(`^${name} is not set`));
  });

  it('refuses a port that is not one, naming the variable', () => {
    expect(() => readDbConfig({ ...STACK_ENV, WAREHOUSE_DB_PORT: '5432x' })).toThrow(ConfigError);
    expect(() => readDbConfig({ ...STACK_ENV, WAREHOUSE_DB_PORT: '70000' })).toThrow(/WAREHOUSE_DB_PORT must be a port number/);
  });
});

describe('createIamPool', () => {
  const saved = { ...process.env };
  afterEach(() => {
    process.env = { ...saved };
  });

  it('logs in with a fresh IAM token for its user instead of a password, over verified TLS', async () => {
    Object.assign(process.env, { AWS_ACCESS_KEY_ID: 'AKIDEXAMPLE', AWS_SECRET_ACCESS_KEY: 'secret-example' });
    const pool = createIamPool(readDbConfig(STACK_ENV), { max: 1, connectionTimeoutMillis: 1000 });
    const options = (pool as unknown as { options: { ssl: unknown; password: () => Promise<string> } }).options;
    expect(options.ssl).toEqual({ rejectUnauthorized: true });
    const token = await options.password();
    const url = new URL(`https://${token}`);
    expect(url.host).toBe(`${STACK_ENV.WAREHOUSE_DB_HOST}:5432`);
    expect(url.searchParams.get('Action')).toBe('connect');
    expect(url.searchParams.get('DBUser')).toBe('clickstream_loader');
    expect(url.searchParams.get('X-Amz-Credential')).toMatch(/^AKIDEXAMPLE\/\d{8}\/eu-central-1\/rds-db\/aws4_request$/);
    expect(url.searchParams.get('X-Amz-Expires')).toBe('900');
    expect(url.searchParams.get('X-Amz-Signature')).toMatch(/^[0-9a-f]{64}$/);
    await pool.end();
  });
});
