// `CLICKSTREAM_SINK=kinesis npm run dev` (docs/ingestion.md, "Stream transport"): the Kinesis
// emulator (scripts/kinesis-local.mjs, in memory, with the stream clickstream-events), the DynamoDB
// emulator dynalite (in memory) for the live view, and the stream worker (scripts/stream-worker.ts)
// that delivers batches into CLICKSTREAM_DATA_DIR. dev.mjs adds `streamPorts(setting)` to its
// ports, `streamEnv(ports)` to every service's environment and starts `streamServices(ports)`.
// Plain `npm run dev` meets none of it: no port, no service, not even the AWS SDK is loaded.
import { listening } from './dev-ports.mjs';

export const LOCAL_STREAM = 'clickstream-events';
export const LOCAL_LIVE_TABLE = 'clickstream-live';
const REGION = 'us-east-1';

/**
 * On when CLICKSTREAM_SINK is kinesis and the developer did not name a stream of their own (then
 * theirs is used as configured, and its delivery is Firehose's business, not this worker's).
 */
export const streamMode = (setting) => setting('CLICKSTREAM_SINK')?.trim() === 'kinesis' && !setting('CLICKSTREAM_KINESIS_STREAM')?.trim();

export function streamPorts(setting) {
  if (!streamMode(setting)) return {};
  return {
    kinesis: { variable: 'KINESIS_LOCAL_PORT', fallback: 4577, host: '127.0.0.1' },
    // kinesis-local always opens a TLS port too; nothing here uses it.
    kinesisTls: { variable: 'KINESIS_LOCAL_TLS_PORT', fallback: 4579, host: '127.0.0.1' },
    dynamodb: { variable: 'DYNALITE_PORT', fallback: 4578, host: '127.0.0.1' },
  };
}

/** What the store, the worker and the warehouse loop are told in stream mode (nothing otherwise). */
export function streamEnv(ports) {
  if (!ports.kinesis) return {};
  return {
    CLICKSTREAM_SINK: 'kinesis',
    CLICKSTREAM_KINESIS_STREAM: LOCAL_STREAM,
    CLICKSTREAM_KINESIS_ENDPOINT: `http://127.0.0.1:${ports.kinesis.port}`,
    CLICKSTREAM_KINESIS_REGION: REGION,
    CLICKSTREAM_LIVE_TABLE: LOCAL_LIVE_TABLE,
    CLICKSTREAM_DYNAMODB_ENDPOINT: `http://127.0.0.1:${ports.dynamodb.port}`,
    CLICKSTREAM_DYNAMODB_REGION: REGION,
  };
}

/** Ready once the emulator answers and the stream it creates at start is ACTIVE. */
function streamActive(endpoint) {
  let client;
  // The SDK's notice about Node 20 would otherwise print in the middle of the start-up lines.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  return async () => {
    const { KinesisClient, DescribeStreamSummaryCommand } = await import('@aws-sdk/client-kinesis');
    const { NodeHttpHandler } = await import('@smithy/node-http-handler');
    client ??= new KinesisClient({ region: REGION, endpoint, requestHandler: new NodeHttpHandler(), credentials: { accessKeyId: 'local', secretAccessKey: 'local' }, maxAttempts: 1 });
    try {
      const { StreamDescriptionSummary } = await client.send(new DescribeStreamSummaryCommand({ StreamName: LOCAL_STREAM }));
      return StreamDescriptionSummary?.StreamStatus === 'ACTIVE';
    } catch {
      return false; // Not listening yet, or the stream is still being created.
    }
  };
}

/** The services for services.start(), in order; none outside stream mode. */
export function streamServices(ports) {
  if (!ports.kinesis) return [];
  const env = streamEnv(ports);
  return [
    {
      name: 'Kinesis emulator',
      args: ['scripts/kinesis-local.mjs', '--port', String(ports.kinesis.port), '--tls-port', String(ports.kinesisTls.port), '--streams', `${LOCAL_STREAM}:1`],
      ready: streamActive(env.CLICKSTREAM_KINESIS_ENDPOINT),
      started: `[dev] Kinesis emulator on ${env.CLICKSTREAM_KINESIS_ENDPOINT}, stream ${LOCAL_STREAM} (in memory).`,
    },
    {
      name: 'DynamoDB emulator',
      args: ['node_modules/dynalite/cli.js', '--host', '127.0.0.1', '--port', String(ports.dynamodb.port)],
      ready: () => listening(ports.dynamodb.port),
      started: `[dev] DynamoDB emulator on ${env.CLICKSTREAM_DYNAMODB_ENDPOINT} for the live view (in memory).`,
    },
    { name: 'stream worker', args: ['--import', 'tsx', 'scripts/stream-worker.ts'] },
  ];
}
