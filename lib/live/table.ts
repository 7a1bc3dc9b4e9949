// Creates the live table where it is missing (the emulator, a first dev run); on AWS the CDK stack
// owns it, and this finds it there and changes nothing.
import {
  CreateTableCommand,
  DescribeTableCommand,
  DescribeTimeToLiveCommand,
  UpdateTimeToLiveCommand,
  waitUntilTableExists,
  type DynamoDBClient,
} from '@aws-sdk/client-dynamodb';

/** The attribute DynamoDB's TTL reads: epoch seconds (lib/live/item.ts). */
export const TTL_ATTRIBUTE = 'expires_at';

const isNamed = (error: unknown, name: string) => (error as { name?: unknown }).name === name;

/** `ttl`: `unsupported` where the endpoint has no UpdateTimeToLive (dynalite); the report's windows never rely on expiry. */
export async function ensureLiveTable(client: DynamoDBClient, table: string): Promise<{ created: boolean; ttl: 'enabled' | 'unsupported' }> {
  const created = await client.send(new DescribeTableCommand({ TableName: table })).then(
    () => false,
    async (error: unknown) => {
      if (!isNamed(error, 'ResourceNotFoundException')) throw error;
      return create(client, table);
    },
  );
  await waitUntilTableExists({ client, maxWaitTime: 60, minDelay: 1, maxDelay: 2 }, { TableName: table });
  const ttl = await client.send(new DescribeTimeToLiveCommand({ TableName: table }));
  const status = ttl.TimeToLiveDescription?.TimeToLiveStatus;
  if (status === 'ENABLED' || status === 'ENABLING') return { created, ttl: 'enabled' };
  try {
    await client.send(new UpdateTimeToLiveCommand({ TableName: table, TimeToLiveSpecification: { Enabled: true, AttributeName: TTL_ATTRIBUTE } }));
    return { created, ttl: 'enabled' };
  } catch (error) {
    if (isNamed(error, 'UnknownOperationException')) return { created, ttl: 'unsupported' };
    throw error;
  }
}

// Two processes starting at once may both find the table missing: the second create is refused
// (ResourceInUseException) and finds the first one's table.
async function create(client: DynamoDBClient, table: string): Promise<boolean> {
  try {
    await client.send(
      new CreateTableCommand({
        TableName: table,
        BillingMode: 'PAY_PER_REQUEST',
        AttributeDefinitions: [
          { AttributeName: 'pk', AttributeType: 'S' },
          { AttributeName: 'sk', AttributeType: 'S' },
        ],
        KeySchema: [
          { AttributeName: 'pk', KeyType: 'HASH' },
          { AttributeName: 'sk', KeyType: 'RANGE' },
        ],
      }),
    );
    return true;
  } catch (error) {
    if (isNamed(error, 'ResourceInUseException')) return false;
    throw error;
  }
}
