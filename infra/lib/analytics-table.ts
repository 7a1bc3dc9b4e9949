import { Aws, Duration } from 'aws-cdk-lib';
import { CfnWorkGroup } from 'aws-cdk-lib/aws-athena';
import { CfnDatabase, CfnTable } from 'aws-cdk-lib/aws-glue';
import { BlockPublicAccess, Bucket, BucketEncryption, IBucket, ObjectOwnership } from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { storedEventColumns } from './glue-columns';
import { EVENTS_PREFIX } from '../../lib/ingest/layout';

export const DATABASE_NAME = 'lumen_clickstream';
export const TABLE_NAME = 'clickstream_events';
/**
 * The partition column: the UTC receipt date as it appears in the key, e.g. `2026/11/23`. Both
 * transports key by it: the per-event sink by the time of receipt, Firehose by `event_timestamp`,
 * which is that same time as the API stamped it.
 */
const PARTITION_COLUMN = 'dt';
const PROJECTION_START = '2026/01/01';

/**
 * The warehouse view of the raw bucket: one row per stored event. Partition projection computes
 * the `events/yyyy/MM/dd/` partitions at query time, so no crawler or `MSCK REPAIR` is needed.
 * The same table reads both transports' objects: the JSON SerDe takes one event a line, and the
 * text input format decompresses `.gz` objects (Firehose's `batch-*.json.gz`) by their extension.
 */
export class AnalyticsTable extends Construct {
  readonly database: CfnDatabase;
  readonly table: CfnTable;
  readonly workGroup: CfnWorkGroup;
  readonly resultsBucket: Bucket;

  constructor(scope: Construct, id: string, props: { bucket: IBucket }) {
    super(scope, id);
    const eventsLocation = `s3://${props.bucket.bucketName}/${EVENTS_PREFIX}`;

    this.database = new CfnDatabase(this, 'Database', {
      catalogId: Aws.ACCOUNT_ID,
      databaseInput: { name: DATABASE_NAME, description: 'Lumen storefront clickstream (contract v1)' },
    });

    this.table = new CfnTable(this, 'Table', {
      catalogId: Aws.ACCOUNT_ID,
      databaseName: DATABASE_NAME,
      tableInput: {
        name: TABLE_NAME,
        tableType: 'EXTERNAL_TABLE',
        partitionKeys: [{ name: PARTITION_COLUMN, type: 'string', comment: 'UTC date of receipt, yyyy/MM/dd' }],
        parameters: {
          classification: 'json',
          'projection.enabled': 'true',
          [`projection.${PARTITION_COLUMN}.type`]: 'date',
          [`projection.${PARTITION_COLUMN}.format`]: 'yyyy/MM/dd',
          [`projection.${PARTITION_COLUMN}.range`]: `${PROJECTION_START},NOW`,
          [`projection.${PARTITION_COLUMN}.interval`]: '1',
          [`projection.${PARTITION_COLUMN}.interval.unit`]: 'DAYS',
          'storage.location.template': `${eventsLocation}\${${PARTITION_COLUMN}}/`,
        },
        storageDescriptor: {
          location: eventsLocation,
          columns: storedEventColumns(),
          inputFormat: 'org.apache.hadoop.mapred.TextInputFormat',
          outputFormat: 'org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat',
          serdeInfo: { serializationLibrary: 'org.openx.data.jsonserde.JsonSerDe' },
        },
      },
    });
    this.table.addResourceDependency(this.database);

    // Athena needs somewhere to write results; query output is disposable, so it expires.
    this.resultsBucket = new Bucket(this, 'QueryResults', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      lifecycleRules: [{ id: 'expire-query-results', expiration: Duration.days(30) }],
    });
    this.workGroup = new CfnWorkGroup(this, 'WorkGroup', {
      name: 'lumen-clickstream',
      description: 'Queries over the Lumen clickstream',
      recursiveDeleteOption: true,
      workGroupConfiguration: {
        enforceWorkGroupConfiguration: true,
        publishCloudWatchMetricsEnabled: true,
        resultConfiguration: {
          outputLocation: `s3://${this.resultsBucket.bucketName}/results/`,
          encryptionConfiguration: { encryptionOption: 'SSE_S3' },
        },
      },
    });
  }
}
