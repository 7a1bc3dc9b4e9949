import { Aws } from 'aws-cdk-lib';
import { CfnDeliveryStream } from 'aws-cdk-lib/aws-kinesisfirehose';
import { PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { IStream } from 'aws-cdk-lib/aws-kinesis';
import { LogGroup, LogStream, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { IBucket } from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { EVENTS_PREFIX } from '../../lib/ingest/layout';

/** Where Firehose puts records it cannot partition or deliver: never under events/, which the loader reads. */
export const ERRORS_PREFIX = 'errors/';

/**
 * Buffering: dynamic partitioning needs at least 64 MB; the interval is what bounds the delay at a
 * store's volumes (64 MB, measured before gzip, is some 30,000 events of 2 KB). Firehose buffers
 * in stages, so an event reaches S3 within about 1.5 times the interval: 90 s.
 */
export const FIREHOSE_BUFFER = { sizeInMBs: 64, intervalInSeconds: 60 } as const;

// The UTC day the API received the event: event_timestamp is its receipt time, ISO 8601 with `Z`
// only (the contract), so the key is the one the per-event sink would give, whenever Firehose reads it.
export const PARTITION_QUERY = '{year: .event_timestamp[0:4], month: .event_timestamp[5:7], day: .event_timestamp[8:10]}';
// Firehose appends `<delivery stream>-<version>-<yyyy-MM-dd-HH-mm-ss>-<uuid>` and the extension.
export const DATA_PREFIX = `${EVENTS_PREFIX}!{partitionKeyFromQuery:year}/!{partitionKeyFromQuery:month}/!{partitionKeyFromQuery:day}/batch-`;
const ERROR_PREFIX = `${ERRORS_PREFIX}!{firehose:error-output-type}/!{timestamp:yyyy/MM/dd}/`;

/**
 * Firehose from the event stream to the raw bucket: gzip NDJSON objects under the same
 * `events/YYYY/MM/DD/` prefixes as the per-event files, named `batch-...json.gz` so the loader
 * tells them apart. Its role reads that stream and writes `events/*` and `errors/*`, nothing else.
 */
export class FirehoseDelivery extends Construct {
  readonly deliveryStream: CfnDeliveryStream;
  readonly role: Role;
  readonly logs: LogGroup;

  constructor(scope: Construct, id: string, props: { stream: IStream; bucket: IBucket }) {
    super(scope, id);
    const { stream, bucket } = props;
    this.logs = new LogGroup(this, 'Logs', { retention: RetentionDays.ONE_MONTH });
    const logStream = new LogStream(this, 'DeliveryLogs', { logGroup: this.logs });

    this.role = new Role(this, 'Role', {
      description: 'Firehose: read the event stream, write events/ and errors/ of the raw bucket',
      // Only for deliveries of this account (the confused-deputy guard Firehose documents).
      assumedBy: new ServicePrincipal('firehose.amazonaws.com', { conditions: { StringEquals: { 'sts:ExternalId': Aws.ACCOUNT_ID } } }),
    });
    this.role.addToPolicy(
      new PolicyStatement({
        actions: ['kinesis:DescribeStream', 'kinesis:DescribeStreamSummary', 'kinesis:GetShardIterator', 'kinesis:GetRecords', 'kinesis:ListShards'],
        resources: [stream.streamArn],
      }),
    );
    this.role.addToPolicy(
      new PolicyStatement({
        actions: ['s3:PutObject', 's3:AbortMultipartUpload'],
        resources: [bucket.arnForObjects(`${EVENTS_PREFIX}*`), bucket.arnForObjects(`${ERRORS_PREFIX}*`)],
      }),
    );
    // Bucket-level metadata Firehose checks before it delivers; no listing, no reading of objects.
    this.role.addToPolicy(new PolicyStatement({ actions: ['s3:GetBucketLocation'], resources: [bucket.bucketArn] }));
    this.role.addToPolicy(new PolicyStatement({ actions: ['logs:PutLogEvents'], resources: [this.logs.logGroupArn] }));

    this.deliveryStream = new CfnDeliveryStream(this, 'DeliveryStream', {
      deliveryStreamType: 'KinesisStreamAsSource',
      kinesisStreamSourceConfiguration: { kinesisStreamArn: stream.streamArn, roleArn: this.role.roleArn },
      extendedS3DestinationConfiguration: {
        bucketArn: bucket.bucketArn,
        roleArn: this.role.roleArn,
        prefix: DATA_PREFIX,
        errorOutputPrefix: ERROR_PREFIX,
        fileExtension: '.json.gz',
        compressionFormat: 'GZIP',
        bufferingHints: FIREHOSE_BUFFER,
        dynamicPartitioningConfiguration: { enabled: true, retryOptions: { durationInSeconds: 300 } },
        processingConfiguration: {
          enabled: true,
          processors: [
            {
              type: 'MetadataExtraction',
              parameters: [
                { parameterName: 'MetadataExtractionQuery', parameterValue: PARTITION_QUERY },
                { parameterName: 'JsonParsingEngine', parameterValue: 'JQ-1.6' },
              ],
            },
            // One stored event a line (NDJSON): records arrive without a trailing newline.
            { type: 'AppendDelimiterToRecord', parameters: [{ parameterName: 'Delimiter', parameterValue: '\\n' }] },
          ],
        },
        cloudWatchLoggingOptions: { enabled: true, logGroupName: this.logs.logGroupName, logStreamName: logStream.logStreamName },
      },
    });
    // Firehose checks its role when the delivery stream is created: the policy must exist first.
    this.deliveryStream.node.addDependency(this.role);
  }
}
