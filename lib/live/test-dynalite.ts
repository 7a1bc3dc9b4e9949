// A real dynalite (the DynamoDB emulator) for the live tests, on 127.0.0.1 and a free port,
// in memory, stopped by the test, with a client of it.
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { startDynaliteServer } from '../ingest/test-servers';
import { emulatorCredentials } from '../stream/emulator';

export type RunningDynalite = { endpoint: string; client: DynamoDBClient; stop(): Promise<void> };

/** A client for an emulator: any region, the fixed local credentials (dynalite checks none). */
export const emulatorClient = (endpoint: string) => new DynamoDBClient({ endpoint, region: 'us-east-1', ...emulatorCredentials(endpoint, {}) });

export async function startDynalite(): Promise<RunningDynalite> {
  const server = await startDynaliteServer();
  const client = emulatorClient(server.endpoint);
  return {
    endpoint: server.endpoint,
    client,
    async stop() {
      client.destroy();
      await server.stop();
    },
  };
}
