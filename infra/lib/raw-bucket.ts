import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import { BlockPublicAccess, Bucket, BucketEncryption, ObjectOwnership, StorageClass } from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';

/** Days after which stored objects move to a cheaper storage class. */
const INFREQUENT_ACCESS_AFTER_DAYS = 30;
/** How long an overwritten or deleted object version is kept before it expires. */
const NONCURRENT_VERSION_DAYS = 90;

/**
 * The raw, append-only event store: the system of record behind the Athena table.
 *
 * Versioning is on: the ingestion Lambda may only put objects, but a put can still overwrite a
 * key (a buggy deploy, a hand-run script), and raw events cannot be re-collected. Keys are unique
 * per event, so versions only accrue on such overwrites; they expire after 90 days.
 *
 * Encryption is SSE-S3 rather than KMS: it costs nothing per request and keeps the Lambda's grant
 * to exactly `s3:PutObject` (a customer key would also need `kms:GenerateDataKey`).
 */
export class RawEventsBucket extends Construct {
  readonly bucket: Bucket;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    this.bucket = new Bucket(this, 'Bucket', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      versioned: true,
      removalPolicy: RemovalPolicy.RETAIN,
      lifecycleRules: [
        {
          id: 'infrequent-access-after-30-days',
          // S3 skips objects under 128 KB (its default minimum transition size): single events stay
          // in Standard, where they are cheaper anyway; larger objects (compactions, exports) move.
          transitions: [
            { storageClass: StorageClass.INFREQUENT_ACCESS, transitionAfter: Duration.days(INFREQUENT_ACCESS_AFTER_DAYS) },
          ],
          noncurrentVersionExpiration: Duration.days(NONCURRENT_VERSION_DAYS),
          abortIncompleteMultipartUploadAfter: Duration.days(7),
        },
      ],
    });
  }
}
