import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import type { Sink, StoredObject } from './sink';

export type S3SinkOptions = { bucket: string; region?: string; endpoint?: string; client?: S3Client };

/** Stores each object under its key in one bucket; PutObject replaces, so a retried event_id overwrites. */
export class S3Sink implements Sink {
  readonly client: S3Client;
  readonly bucket: string;

  constructor(options: S3SinkOptions) {
    this.bucket = options.bucket;
    this.client =
      options.client ??
      new S3Client({
        region: options.region ?? process.env.AWS_REGION ?? 'us-east-1',
        // S3-compatible servers (s3rver, MinIO) need path-style addressing.
        ...(options.endpoint ? { endpoint: options.endpoint, forcePathStyle: true } : {}),
      });
  }

  async write(objects: StoredObject[]): Promise<void> {
    await Promise.all(
      objects.map(({ key, body }) =>
        this.client.send(
          new PutObjectCommand({ Bucket: this.bucket, Key: key, Body: body, ContentType: 'application/json' }),
        ),
      ),
    );
  }
}
