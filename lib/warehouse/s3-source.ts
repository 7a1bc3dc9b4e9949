import { ListObjectsV2Command, paginateListObjectsV2, S3Client, S3ServiceException } from '@aws-sdk/client-s3';
import { EVENTS_PREFIX } from '@/lib/ingest/layout';
import { objectReader, S3HttpError, type ObjectReader } from './s3-get';
import { DAY_SHAPE, dayOfKey, dayPrefix, shiftDay, type Day } from './days';
import { isEventFileName, SourceError, UnreadableFileError, type EventSource } from './source';

export type S3SourceOptions = { bucket: string; region?: string; endpoint?: string; maxSockets?: number; client?: S3Client };

/** The ingestion's bucket (CLICKSTREAM_S3_BUCKET), listed 1,000 keys a page with continuation tokens. */
export class S3Source implements EventSource {
  readonly id: string;
  readonly client: S3Client;
  private readonly bucket: string;
  private readonly endpoint: string | undefined;
  private readonly objects: ObjectReader;

  constructor(options: S3SourceOptions) {
    this.bucket = options.bucket;
    this.endpoint = options.endpoint;
    this.id = `s3://${options.bucket}`;
    this.client =
      options.client ??
      new S3Client({
        region: options.region ?? process.env.AWS_REGION ?? 'us-east-1',
        // Same addressing as the ingestion's S3 sink; the client lists, objectReader reads.
        ...(options.endpoint ? { endpoint: options.endpoint, forcePathStyle: true } : {}),
      });
    this.objects = objectReader({ bucket: this.bucket, endpoint: this.endpoint, region: this.client.config.region, credentials: this.client.config.credentials, maxSockets: options.maxSockets ?? 64 });
  }

  // One request per day that holds files: ask for the first key after the previous day's folder.
  // ('~' sorts after every event file name.) Works where delimiter listings do not, as in s3rver.
  async *days(from: Day | null): AsyncGenerator<Day> {
    let after = from ? `${dayPrefix(shiftDay(from, -1))}~` : EVENTS_PREFIX;
    let last = '';
    while (true) {
      const page = await this.request(new ListObjectsV2Command({ Bucket: this.bucket, Prefix: EVENTS_PREFIX, StartAfter: after, MaxKeys: 1 }));
      const key = page.Contents?.[0]?.Key;
      if (!key) return;
      const day = dayOfKey(key);
      // A key outside the day folders, or a stray one sorting after '~', is stepped over.
      if (!DAY_SHAPE.test(day) || !key.startsWith(dayPrefix(day)) || day <= last) {
        after = key;
        continue;
      }
      yield (last = day);
      after = `${dayPrefix(day)}~`;
    }
  }

  async *keys(prefix: string): AsyncGenerator<string[]> {
    for await (const page of this.pages(prefix)) {
      const keys = (page.Contents ?? []).flatMap(({ Key }) => (Key && isEventFileName(Key.slice(prefix.length)) ? [Key] : []));
      if (keys.length) yield keys;
    }
  }

  async read(key: string): Promise<Buffer> {
    let body: Buffer | null;
    try {
      body = await this.objects.get(key);
    } catch (cause) {
      throw this.unreachable(cause);
    }
    if (!body) throw new UnreadableFileError('vanished between listing and reading');
    return body;
  }

  // A connection lost half way fails the load: the object is read again, whole, by the next one.
  async *stream(key: string): AsyncGenerator<Buffer> {
    try {
      const body = await this.objects.open(key);
      if (!body) throw new UnreadableFileError('vanished between listing and reading');
      yield* body;
    } catch (cause) {
      throw cause instanceof UnreadableFileError ? cause : this.unreachable(cause);
    }
  }

  // Keys in deeper "folders" come back too (no delimiter: s3rver's delimited listings find nothing); keys() drops them.
  private async *pages(prefix: string) {
    try {
      yield* paginateListObjectsV2({ client: this.client, pageSize: 1000 }, { Bucket: this.bucket, Prefix: prefix });
    } catch (cause) {
      throw this.unreachable(cause);
    }
  }

  private async request(command: ListObjectsV2Command) {
    try {
      return await this.client.send(command);
    } catch (cause) {
      throw this.unreachable(cause);
    }
  }

  private unreachable(cause: unknown): SourceError {
    const error = cause as Error & { code?: string };
    if (error.name === 'NoSuchBucket') return new SourceError(`the bucket ${this.bucket} does not exist`, 'CLICKSTREAM_S3_BUCKET');
    if (cause instanceof S3ServiceException || cause instanceof S3HttpError) {
      const setting = ['AccessDenied', 'InvalidAccessKeyId', 'SignatureDoesNotMatch'].includes(error.name) ? 'AWS_PROFILE or AWS_ACCESS_KEY_ID' : 'CLICKSTREAM_S3_BUCKET';
      return new SourceError(`S3 refused a request on ${this.id}: ${error.name}: ${error.message}`, setting);
    }
    if (error.name === 'CredentialsProviderError') return new SourceError(`no AWS credentials for ${this.id}: ${error.message}`, 'AWS_PROFILE or AWS_ACCESS_KEY_ID');
    const where = this.endpoint ?? 'AWS S3';
    return new SourceError(`cannot reach ${where} for ${this.id}: ${error.code ?? error.name}: ${error.message}`, this.endpoint ? 'CLICKSTREAM_S3_ENDPOINT' : 'CLICKSTREAM_S3_REGION');
  }
}
