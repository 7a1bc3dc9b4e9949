import path from 'node:path';
import { createCognitoVerifier } from './cognito-verifier';
import { readIngestConfig, type IngestConfig } from './config';
import { createIngestHandler } from './core';
import { FileSystemSink } from './fs-sink';
import { jsonLogger, type Logger } from './log';
import { S3Sink } from './s3-sink';
import type { Sink } from './sink';

/** Wires the core to the sink and verifier the configuration asks for; adapters call this once. */
export function createIngestFromConfig(config: IngestConfig, log: Logger = jsonLogger) {
  const sink: Sink = config.s3 ? new S3Sink(config.s3) : new FileSystemSink(path.resolve(config.dataDir));
  const verifier = config.cognito ? createCognitoVerifier(config.cognito, log) : null;
  const handle = createIngestHandler({ sink, verifier, allowedOrigins: config.allowedOrigins, limits: config.limits, log });
  return { config, handle };
}

export function createIngestFromEnv(env: Record<string, string | undefined> = process.env, log: Logger = jsonLogger) {
  return createIngestFromConfig(readIngestConfig(env), log);
}
