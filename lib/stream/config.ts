import path from 'node:path';
import { ConfigError, readIngestConfig } from '@/lib/ingest/config';
import { DEFAULT_BUFFER_BYTES, DEFAULT_BUFFER_MS } from './delivery';

/** The local stream worker's settings (scripts/stream-worker.ts): the ingestion's stream and folder, and the delivery's buffer. */
export type StreamWorkerConfig = {
  stream: string;
  region: string | undefined;
  endpoint: string | undefined;
  /** Where the delivery writes events/ and errors/, and the consumers keep their checkpoints. */
  dataDir: string;
  bufferBytes: number;
  bufferMs: number;
};

type Env = Record<string, string | undefined>;

export function readStreamWorkerConfig(env: Env = process.env): StreamWorkerConfig {
  const ingest = readIngestConfig(env);
  if (!ingest.kinesis) throw new ConfigError('the stream worker reads the stream of CLICKSTREAM_SINK=kinesis: set it and CLICKSTREAM_KINESIS_STREAM');
  return {
    ...ingest.kinesis,
    dataDir: path.resolve(ingest.dataDir),
    bufferBytes: positive(env, 'CLICKSTREAM_DELIVERY_BUFFER_BYTES', DEFAULT_BUFFER_BYTES),
    bufferMs: 1000 * positive(env, 'CLICKSTREAM_DELIVERY_BUFFER_SECONDS', DEFAULT_BUFFER_MS / 1000),
  };
}

function positive(env: Env, name: string, fallback: number): number {
  const raw = env[name]?.trim();
  if (!raw) return fallback;
  const parsed = Number(raw);
  if (!Number.isFinite(parsed) || parsed <= 0) throw new ConfigError(`${name} must be a number > 0, got "${raw}"`);
  return parsed;
}
