import { describe, expect, it } from 'vitest';
import { readIngestConfig } from './config';

const s3 = { CLICKSTREAM_S3_BUCKET: 'lumen-events' };

describe('ingestion settings', () => {
  it('writes to S3 conditionally unless told the server ignores If-None-Match', () => {
    expect(readIngestConfig(s3).s3?.conditionalWrites).toBe(true);
    expect(readIngestConfig({ ...s3, CLICKSTREAM_S3_CONDITIONAL_WRITES: 'false' }).s3?.conditionalWrites).toBe(false);
    expect(() => readIngestConfig({ ...s3, CLICKSTREAM_S3_CONDITIONAL_WRITES: 'no' })).toThrow('CLICKSTREAM_S3_CONDITIONAL_WRITES must be true or false, got "no"');
  });
});
