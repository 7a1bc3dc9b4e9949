// The live view's settings, read once: the DynamoDB table the stream consumer writes and the
// `live` report reads. Unset: no live table, and the report reads the warehouse instead.
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { emulatorCredentials } from '../stream/emulator';

export type LiveConfig = { table: string; endpoint: string | undefined; region: string | undefined };

type Env = Record<string, string | undefined>;

export function readLiveConfig(env: Env = process.env): LiveConfig | null {
  const value = (name: string) => env[name]?.trim() || undefined;
  const table = value('CLICKSTREAM_LIVE_TABLE');
  if (!table) return null;
  return { table, endpoint: value('CLICKSTREAM_DYNAMODB_ENDPOINT'), region: value('CLICKSTREAM_DYNAMODB_REGION') ?? value('AWS_REGION') };
}

/** The table's client; an emulator (an endpoint set) takes any region. */
export function liveDynamoClient(config: LiveConfig, env: Env = process.env): DynamoDBClient {
  return new DynamoDBClient({
    region: config.region ?? (config.endpoint ? 'us-east-1' : undefined),
    ...(config.endpoint ? { endpoint: config.endpoint } : {}),
    ...emulatorCredentials(config.endpoint, env),
  });
}

/** The document client the consumer and the report use, over `dynamo` (which creates the table). */
export function liveClient(config: LiveConfig, env: Env = process.env, dynamo = liveDynamoClient(config, env)): DynamoDBDocumentClient {
  // Events carry explicit nulls (a page view has no product): DynamoDB stores them as NULL.
  return DynamoDBDocumentClient.from(dynamo, { marshallOptions: { removeUndefinedValues: true } });
}
