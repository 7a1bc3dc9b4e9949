// The local stand-in for Firehose and for the live view's Lambda in `CLICKSTREAM_SINK=kinesis npm
// run dev`: reads the stream CLICKSTREAM_KINESIS_STREAM, delivers batched objects into
// CLICKSTREAM_DATA_DIR and, with CLICKSTREAM_LIVE_TABLE set, keeps the live table. SIGINT/SIGTERM: the batches in hand are
// written and checkpointed, then exit 0. See docs/ingestion.md, "Stream transport".
import { describeError, devLogger } from '@/lib/ingest/log';
import { readStreamWorkerConfig } from '@/lib/stream/config';
import { startStreamWorker } from '@/lib/stream/worker';
import { loadProjectEnv } from './warehouse-env';

loadProjectEnv();
try {
  const config = readStreamWorkerConfig();
  const worker = await startStreamWorker(config, devLogger);
  console.log(`[dev] Stream worker on ${config.stream}: ${worker.consumers.join(', ')} into ${config.dataDir}, batches of up to ${config.bufferBytes} bytes or ${config.bufferMs / 1000} s.`);
  let stopping: Promise<void> | undefined;
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, () => (stopping ??= worker.stop().finally(() => process.exit(0))));
} catch (error) {
  console.error(`[dev] stream worker: ${describeError(error).error_message ?? String(error)}`);
  process.exit(1);
}
