import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import { AttributeType, BillingMode, Table, TableEncryption } from 'aws-cdk-lib/aws-dynamodb';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { IStream } from 'aws-cdk-lib/aws-kinesis';
import { Code, Function as LambdaFunction, StartingPosition } from 'aws-cdk-lib/aws-lambda';
import { KinesisEventSource, SqsDlq } from 'aws-cdk-lib/aws-lambda-event-sources';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { NODE_LAMBDA } from './lambda-code';

/** The item's TTL attribute (epoch seconds): DynamoDB deletes items about an hour old. */
export const LIVE_TTL_ATTRIBUTE = 'expires_at';

/**
 * The consumer's event source mapping. A window of 1 s keeps a click within seconds of the Live
 * panel; records older than the live view's hour are worth nothing, so they are not retried past
 * it; one batch per shard at a time keeps a session's events in order.
 */
export const LIVE_MAPPING = {
  batchSize: 100,
  maxBatchingWindow: Duration.seconds(1),
  retryAttempts: 3,
  maxRecordAge: Duration.hours(1),
  parallelizationFactor: 1,
} as const;

/**
 * The live view: a Lambda reading the event stream keeps the eligible events in a DynamoDB table
 * with a TTL, which the insights `live` report reads. Batches it cannot process are split
 * (bisect), retried, and their description lands in an encrypted dead-letter queue.
 */
export class LiveView extends Construct {
  readonly table: Table;
  readonly consumer: LambdaFunction;
  readonly deadLetters: Queue;
  readonly logs: LogGroup;

  constructor(scope: Construct, id: string, props: { code: Code; stream: IStream }) {
    super(scope, id);
    this.table = new Table(this, 'Table', {
      partitionKey: { name: 'pk', type: AttributeType.STRING },
      sortKey: { name: 'sk', type: AttributeType.STRING },
      billingMode: BillingMode.PAY_PER_REQUEST,
      encryption: TableEncryption.AWS_MANAGED,
      timeToLiveAttribute: LIVE_TTL_ATTRIBUTE,
      // An hour of derived data, rebuilt from the stream: nothing to keep when the stack goes.
      removalPolicy: RemovalPolicy.DESTROY,
    });
    this.deadLetters = new Queue(this, 'DeadLetters', {
      retentionPeriod: Duration.days(14),
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
    });
    this.logs = new LogGroup(this, 'Logs', { retention: RetentionDays.ONE_MONTH });
    this.consumer = new LambdaFunction(this, 'Consumer', {
      ...NODE_LAMBDA,
      code: props.code,
      memorySize: 256,
      timeout: Duration.seconds(30),
      logGroup: this.logs,
      environment: { CLICKSTREAM_LIVE_TABLE: this.table.tableName },
    });
    // The consumer puts items 25 at a time with BatchWriteItem and does nothing else: no reads,
    // scans, deletes or table changes (the table and its TTL are the stack's, not the consumer's).
    this.consumer.addToRolePolicy(new PolicyStatement({ actions: ['dynamodb:BatchWriteItem'], resources: [this.table.tableArn] }));
    this.consumer.addEventSource(
      new KinesisEventSource(props.stream, {
        ...LIVE_MAPPING,
        // The live view starts with what happens now, not with the stream's last 24 hours.
        startingPosition: StartingPosition.LATEST,
        reportBatchItemFailures: true,
        bisectBatchOnError: true,
        onFailure: new SqsDlq(this.deadLetters),
      }),
    );
  }
}
