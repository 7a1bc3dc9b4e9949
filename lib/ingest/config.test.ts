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
});
