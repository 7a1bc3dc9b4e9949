import { KinesisClient } from '@aws-sdk/client-kinesis';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import { emulatorCredentials } from './emulator';

export type KinesisClientOptions = { region?: string; endpoint?: string };

/**
 * The Kinesis client of the sink and the poller. With an emulator endpoint (kinesis-local), over
 * HTTP/1.1: the SDK's default HTTP/2 handler fails against its plain-HTTP port.
 */
export function createKinesisClient({ region, endpoint }: KinesisClientOptions): KinesisClient {
  const local = endpoint
    ? {
        endpoint,
        requestHandler: new NodeHttpHandler({ connectionTimeout: 2000 }),
        ...emulatorCredentials(endpoint),
      }
    : {};
  return new KinesisClient({ region: region ?? process.env.AWS_REGION ?? 'us-east-1', ...local });
}
