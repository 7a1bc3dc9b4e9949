import { HeadObjectCommand, PutObjectCommand, S3Client, S3ServiceException } from '@aws-sdk/client-s3';
import type { Sink, StoredObject } from './sink';

export type S3SinkOptions = {
  bucket: string;
  region?: string;
  endpoint?: string;
  /** false for S3-compatible servers that ignore `If-None-Match` on PUT (s3rver): ask first instead. */
  conditionalWrites?: boolean;
  client?: S3Client;
};

const status = (error: unknown) => (error instanceof S3ServiceException ? error.$metadata.httpStatusCode : undefined);

/**
 * Stores each object under its key in one bucket, the first copy winning: a PUT with
 * `If-None-Match: *` that S3 refuses with 412 finds the key already stored, which is a duplicate.
 */
export class S3Sink implements Sink {
  readonly client: S3Client;
  readonly bucket: string;
  private readonly conditionalWrites: boolean;

  constructor(options: S3SinkOptions) {
    this.bucket = options.bucket;
    this.conditionalWrites = options.conditionalWrites ?? true;
    this.client =
      options.client ??
      new S3Client({
        region: options.region ?? process.env.AWS_REGION ?? 'us-east-1',
        // S3-compatible servers (s3rver, MinIO) need path-style addressing.
        ...(options.endpoint ? { endpoint: options.endpoint, forcePathStyle: true } : {}),
      });
  }

  async write(objects: StoredObject[]): Promise<void> {
    await Promise.all(objects.map((object) => this.writeOne(object)));
  }

  private async writeOne({ key, body }: StoredObject): Promise<void> {
    if (!this.conditionalWrites && (await this.exists(key))) return;
    const put = new PutObjectCommand({
      Bucket: this.bucket,
      Key: key,
      Body: body,
      ContentType: 'application/json',
      ...(this.conditionalWrites ? { IfNoneMatch: '*' } : {}),
    });
    try {
      await this.client.send(put);
    } catch (error) {
      // 409 (another conditional write to this key in flight) stays an error: the client's retry settles it.
      if (status(error) !== 412) throw error;
    }
  }

  // The fallback is not atomic: two first copies arriving together may both be written, the last winning.
  private async exists(key: string): Promise<boolean> {
    try {
      await this.client.send(new HeadObjectCommand({ Bucket: this.bucket, Key: key }));
      return true;
    } catch (error) {
      if (status(error) === 404) return false;
      throw error;
    }
  }
}
