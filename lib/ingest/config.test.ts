import { describe, expect, it } from 'vitest';
import { readIngestConfig } from './config';

const s3 = { CLICKSTREAM_S3_BUCKET: 'lumen-events' };

describe('ingestion settings', () => {
  it('trusts CloudFront-Viewer-Country only when CloudFront is named as the front', () => {
    expect(readIngestConfig({}).trustedFront).toBeNull();
    expect(readIngestConfig({ CLICKSTREAM_TRUSTED_FRONT: 'cloudfront' }).trustedFront).toBe('cloudfront');
    expect(() => readIngestConfig({ CLICKSTREAM_TRUSTED_FRONT: 'nginx' })).toThrow('CLICKSTREAM_TRUSTED_FRONT must be empty or cloudfront, got "nginx"');
  });

  it('writes to S3 conditionally unless told the server ignores If-None-Match', () => {
    expect(readIngestConfig(s3).s3?.conditionalWrites).toBe(true);
    expect(readIngestConfig({ ...s3, CLICKSTREAM_S3_CONDITIONAL_WRITES: 'false' }).s3?.conditionalWrites).toBe(false);
    expect(() => readIngestConfig({ ...s3, CLICKSTREAM_S3_CONDITIONAL_WRITES: 'no' })).toThrow('CLICKSTREAM_S3_CONDITIONAL_WRITES must be true or false, got "no"');
  });

  it('chooses the sink: the folder, S3 when a bucket is named, Kinesis when asked with its stream', () => {
    expect(readIngestConfig({}).sink).toBe('folder');
    expect(readIngestConfig(s3).sink).toBe('s3');
    expect(readIngestConfig({ ...s3, CLICKSTREAM_SINK: 'folder' }).sink).toBe('folder');
    const kinesis = readIngestConfig({ CLICKSTREAM_SINK: 'kinesis', CLICKSTREAM_KINESIS_STREAM: 'clickstream-events', CLICKSTREAM_KINESIS_ENDPOINT: 'http://127.0.0.1:4577' });
    expect([kinesis.sink, kinesis.kinesis]).toEqual(['kinesis', { stream: 'clickstream-events', region: undefined, endpoint: 'http://127.0.0.1:4577' }]);
    expect(readIngestConfig(s3).kinesis).toBeNull();
  });

  it('names the variable when the sink is unknown or lacks what it needs', () => {
    expect(() => readIngestConfig({ CLICKSTREAM_SINK: 'firehose' })).toThrow('CLICKSTREAM_SINK must be folder, s3, kinesis or empty, got "firehose"');
    expect(() => readIngestConfig({ CLICKSTREAM_SINK: 'kinesis' })).toThrow('CLICKSTREAM_KINESIS_STREAM must name the stream when CLICKSTREAM_SINK is kinesis');
    expect(() => readIngestConfig({ CLICKSTREAM_SINK: 's3' })).toThrow('CLICKSTREAM_S3_BUCKET must name the bucket when CLICKSTREAM_SINK is s3');
  });
});
