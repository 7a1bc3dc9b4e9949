// A real dynalite (the DynamoDB emulator) for the live tests, on 127.0.0.1 and a free port,
// in memory, stopped by the test.
import { spawn } from 'node:child_process';
import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { fileURLToPath } from 'node:url';
import { freePort } from '../ingest/test-servers';

export type RunningDynalite = { endpoint: string; client: DynamoDBClient; stop(): Promise<void> };

/** A client for an emulator: any region, fixed fake credentials (dynalite checks none). */
export const emulatorClient = (endpoint: string) =>
  new DynamoDBClient({ endpoint, region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });

export async function startDynalite(): Promise<RunningDynalite> {
  const port = await freePort();
  const bin = fileURLToPath(new URL('../../node_modules/dynalite/cli.js', import.meta.url));
  const child = spawn(process.execPath, [bin, '--host', '127.0.0.1', '--port', String(port)], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout?.on('data', (chunk) => (output += chunk));
  child.stderr?.on('data', (chunk) => (output += chunk));
  const endpoint = `http://127.0.0.1:${port}`;
  const client = emulatorClient(endpoint);
  const stop = async () => {
    client.destroy();
    if (child.exitCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  };
  const deadline = Date.now() + 20_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`dynalite exited early: ${output}`);
    try {
      await client.send(new ListTablesCommand({}));
      return { endpoint, client, stop };
    } catch (error) {
      if (Date.now() > deadline) {
        await stop();
        throw new Error(`dynalite did not start: ${String(error)} ${output}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}
