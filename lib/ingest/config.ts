import { DEFAULT_LIMITS, type IngestLimits } from './limits';

/** Server settings, all optional: with none set, events go to .data/clickstream and tokens are not checked. */
export type IngestConfig = {
  /** Where accepted events go: files under dataDir, objects in s3.bucket, or records on kinesis.stream. */
  sink: SinkKind;
  dataDir: string;
  /** With the kinesis sink, the rejected-events records still go here (the stream carries stored events only). */
  s3: { bucket: string; region: string | undefined; endpoint: string | undefined; conditionalWrites: boolean } | null;
  kinesis: { stream: string; region: string | undefined; endpoint: string | undefined } | null;
  allowedOrigins: string[];
  cognito: CognitoConfig | null;
  rateLimitPerMinute: number;
  trustForwardedFor: boolean;
  trustedFront: TrustedFront | null;
  limits: IngestLimits;
};

export const SINK_KINDS = ['folder', 's3', 'kinesis'] as const;
export type SinkKind = (typeof SINK_KINDS)[number];

/** A front whose viewer headers the ingestion may believe: only CloudFront sets CloudFront-Viewer-Country. */
export type TrustedFront = 'cloudfront';

/** Either a real user pool (id + app client id) or an explicit issuer URL for an emulator. */
export type CognitoConfig = { userPoolId: string | undefined; clientId: string | undefined; issuer: string | undefined };

type Env = Record<string, string | undefined>;

export class ConfigError extends Error {}

const DEFAULT_RATE_LIMIT_PER_MINUTE = 600;

export function readIngestConfig(env: Env = process.env): IngestConfig {
  const value = (name: string) => env[name]?.trim() || undefined;
  const bucket = value('CLICKSTREAM_S3_BUCKET');
  const userPoolId = value('CLICKSTREAM_COGNITO_USER_POOL_ID');
  const clientId = value('CLICKSTREAM_COGNITO_CLIENT_ID');
  const issuer = value('CLICKSTREAM_COGNITO_ISSUER');
  if (issuer && !/^https?:\/\//.test(issuer)) {
    throw new ConfigError('CLICKSTREAM_COGNITO_ISSUER must be an http(s) URL');
  }
  const sink = sinkKind(value('CLICKSTREAM_SINK'), bucket);
  const stream = value('CLICKSTREAM_KINESIS_STREAM');
  if (sink === 'kinesis' && !stream) throw new ConfigError('CLICKSTREAM_KINESIS_STREAM must name the stream when CLICKSTREAM_SINK is kinesis');
  return {
    sink,
    dataDir: value('CLICKSTREAM_DATA_DIR') ?? '.data/clickstream',
    s3: bucket
      ? { bucket, region: value('CLICKSTREAM_S3_REGION'), endpoint: value('CLICKSTREAM_S3_ENDPOINT'), conditionalWrites: flag(env, 'CLICKSTREAM_S3_CONDITIONAL_WRITES', true) }
      : null,
    kinesis: sink === 'kinesis' && stream ? { stream, region: value('CLICKSTREAM_KINESIS_REGION'), endpoint: value('CLICKSTREAM_KINESIS_ENDPOINT') } : null,
    allowedOrigins: (value('CLICKSTREAM_ALLOWED_ORIGINS') ?? '')
      .split(',')
      .map((origin) => origin.trim().replace(/\/$/, ''))
      .filter(Boolean),
    cognito: userPoolId || issuer ? { userPoolId, clientId, issuer } : null,
    rateLimitPerMinute: positiveInt(env, 'CLICKSTREAM_RATE_LIMIT_PER_MINUTE', DEFAULT_RATE_LIMIT_PER_MINUTE),
    trustForwardedFor: value('CLICKSTREAM_TRUST_FORWARDED_FOR') === 'true',
    trustedFront: trustedFront(value('CLICKSTREAM_TRUSTED_FRONT')),
    limits: { ...DEFAULT_LIMITS, bodyTimeoutMs: 1000 * positiveInt(env, 'CLICKSTREAM_BODY_TIMEOUT_SECONDS', DEFAULT_LIMITS.bodyTimeoutMs / 1000) },
  };
}

// Unset: S3 when a bucket is named, else the folder, as before the choice existed.
function sinkKind(raw: string | undefined, bucket: string | undefined): SinkKind {
  if (!raw) return bucket ? 's3' : 'folder';
  if (!(SINK_KINDS as readonly string[]).includes(raw)) throw new ConfigError(`CLICKSTREAM_SINK must be ${SINK_KINDS.join(', ')} or empty, got "${raw}"`);
  if (raw === 's3' && !bucket) throw new ConfigError('CLICKSTREAM_S3_BUCKET must name the bucket when CLICKSTREAM_SINK is s3');
  return raw as SinkKind;
}

function trustedFront(raw: string | undefined): TrustedFront | null {
  if (!raw) return null;
  if (raw !== 'cloudfront') throw new ConfigError(`CLICKSTREAM_TRUSTED_FRONT must be empty or cloudfront, got "${raw}"`);
  return raw;
}

function flag(env: Env, name: string, fallback: boolean): boolean {
  const raw = env[name]?.trim();
  if (!raw) return fallback;
  if (raw !== 'true' && raw !== 'false') throw new ConfigError(`${name} must be true or false, got "${raw}"`);
  return raw === 'true';
}

function positiveInt(env: Env, name: string, fallback: number): number {
  const raw = env[name]?.trim();
  if (!raw) return fallback;
  const parsed = Number(raw);
  if (!Number.isInteger(parsed) || parsed < 0) throw new ConfigError(`${name} must be a whole number >= 0 (0 turns it off), got "${raw}"`);
  return parsed;
}
