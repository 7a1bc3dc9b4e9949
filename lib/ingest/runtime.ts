import path from 'node:path';
import { createCognitoVerifier } from './cognito-verifier';
import { readIngestConfig, type IngestConfig } from './config';
import { createIngestHandler, jsonResponse, type IngestResponse } from './core';
import { FileSystemSink } from './fs-sink';
import { describeError, serverLogger, type Logger } from './log';
import { KinesisSink } from './kinesis-sink';
import { EVENTS_PREFIX } from './layout';
import { S3Sink } from './s3-sink';
import { splitSink, type Sink } from './sink';

/** What an adapter may add around the configured sink (a development server's inspector records through it). */
export type WrapSink = (sink: Sink) => Sink;

/** Wires the core to the sink and verifier the configuration asks for; adapters call this once. */
function createIngestFromConfig(config: IngestConfig, log: Logger = serverLogger, wrapSink?: WrapSink) {
  const configured = configuredSink(config);
  const sink = wrapSink ? wrapSink(configured) : configured;
  const verifier = config.cognito ? createCognitoVerifier(config.cognito, log) : null;
  const { allowedOrigins, limits, trustedFront } = config;
  const handle = createIngestHandler({ sink, verifier, allowedOrigins, limits, log, trustedFront });
  return { config, handle };
}

// The config guarantees s3 with the s3 sink and kinesis exactly with the kinesis sink.
function configuredSink({ sink, s3, kinesis, dataDir }: IngestConfig): Sink {
  const files: Sink = s3 && sink !== 'folder' ? new S3Sink(s3) : new FileSystemSink(path.resolve(dataDir));
  if (!kinesis) return files;
  // The rejected-events records stay where the per-event design keeps them: the bucket if named, else the folder.
  return splitSink(new KinesisSink(kinesis), files, (key) => key.startsWith(EVENTS_PREFIX));
}

export function createIngestFromEnv(env: Record<string, string | undefined> = process.env, log: Logger = serverLogger, wrapSink?: WrapSink) {
  return createIngestFromConfig(readIngestConfig(env), log, wrapSink);
}

export type Ingest = ReturnType<typeof createIngestFromEnv>;

/**
 * The adapters' start-up: builds from the environment on first use (so importing reads no
 * configuration, as `next build` does) and keeps it; null, logged, while the configuration is invalid.
 */
export function ingestOnFirstUse(env: Record<string, string | undefined> = process.env, wrapSink?: WrapSink): () => Ingest | null {
  let ingest: Ingest | undefined;
  return () => {
    try {
      return (ingest ??= createIngestFromEnv(env, serverLogger, wrapSink));
    } catch (cause) {
      serverLogger('error', 'clickstream configuration is invalid', describeError(cause));
      return null;
    }
  };
}

export const misconfigured = (): IngestResponse => jsonResponse(500, { error: 'the clickstream endpoint is misconfigured' });
