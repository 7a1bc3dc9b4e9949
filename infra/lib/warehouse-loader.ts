import { Duration } from 'aws-cdk-lib';
import { IVpc, SubnetType } from 'aws-cdk-lib/aws-ec2';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { Code, Function as LambdaFunction } from 'aws-cdk-lib/aws-lambda';
import { SqsDestination } from 'aws-cdk-lib/aws-lambda-destinations';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { DatabaseCluster } from 'aws-cdk-lib/aws-rds';
import { IBucket } from 'aws-cdk-lib/aws-s3';
import { ContextAttribute, Schedule, ScheduleExpression, ScheduleTargetInput } from 'aws-cdk-lib/aws-scheduler';
import { LambdaInvoke } from 'aws-cdk-lib/aws-scheduler-targets';
import { ITopic } from 'aws-cdk-lib/aws-sns';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { EVENTS_PREFIX } from '../../lib/ingest/layout';
import { databaseEnvironment } from './database-environment';
import { NODE_LAMBDA } from './lambda-code';
import { LoaderAlarms } from './loader-alarms';
import { LOADER_DB_USER } from './warehouse-db';

export type WarehouseLoaderProps = {
  code: Code;
  vpc: IVpc;
  cluster: DatabaseCluster;
  bucket: IBucket;
  /** Minutes between scheduled runs (the LoadIntervalMinutes parameter). */
  intervalMinutes: string;
  alarmTopic: ITopic;
};

/**
 * The warehouse loader on a schedule: EventBridge Scheduler invokes it every few minutes, one run
 * at a time (reserved concurrency 1, and the loader's own lock in the database). A run that fails
 * is not retried by Lambda (the next run picks up where it stopped) but lands in a queue.
 */
export class WarehouseLoader extends Construct {
  readonly handler: LambdaFunction;
  readonly logs: LogGroup;
  readonly failedRuns: Queue;
  readonly schedule: Schedule;
  readonly alarms: LoaderAlarms;

  constructor(scope: Construct, id: string, props: WarehouseLoaderProps) {
    super(scope, id);
    this.failedRuns = new Queue(this, 'FailedRuns', {
      retentionPeriod: Duration.days(14),
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
    });
    this.logs = new LogGroup(this, 'Logs', { retention: RetentionDays.ONE_MONTH });
    this.handler = new LambdaFunction(this, 'Handler', {
      ...NODE_LAMBDA,
      code: props.code,
      // A run reads new event files 64 at a time and writes them in batches: memory buys CPU for
      // JSON parsing and the sockets; 5 minutes is a backlog of days after an outage, and stays
      // well inside the 15-minute Lambda limit and the default interval.
      memorySize: 1024,
      timeout: Duration.minutes(5),
      reservedConcurrentExecutions: 1,
      retryAttempts: 0,
      maxEventAge: Duration.hours(1),
      onFailure: new SqsDestination(this.failedRuns),
      vpc: props.vpc,
      vpcSubnets: { subnetType: SubnetType.PRIVATE_ISOLATED },
      logGroup: this.logs,
      environment: { CLICKSTREAM_S3_BUCKET: props.bucket.bucketName, ...databaseEnvironment(props.cluster, LOADER_DB_USER) },
    });
    // Its security group keeps the default open egress: the subnets' only routes lead to the VPC
    // itself and, for HTTPS, to the S3 gateway endpoint.
    props.cluster.connections.allowDefaultPortFrom(this.handler, 'warehouse loader');
    props.cluster.grantConnect(this.handler, LOADER_DB_USER);
    // Reads events/ and nothing else: no write, no delete, no rejected/.
    this.handler.addToRolePolicy(new PolicyStatement({ actions: ['s3:GetObject'], resources: [props.bucket.arnForObjects(`${EVENTS_PREFIX}*`)] }));
    this.handler.addToRolePolicy(
      new PolicyStatement({
        actions: ['s3:ListBucket'],
        resources: [props.bucket.bucketArn],
        conditions: { StringLike: { 's3:prefix': [`${EVENTS_PREFIX}*`] } },
      }),
    );

    this.schedule = new Schedule(this, 'Schedule', {
      description: 'Loads new clickstream events into the warehouse',
      schedule: ScheduleExpression.expression(`rate(${props.intervalMinutes} minutes)`),
      target: new LambdaInvoke(this.handler, {
        input: ScheduleTargetInput.fromObject({
          source: 'lumen.warehouse-schedule',
          scheduledTime: ContextAttribute.scheduledTime,
          executionId: ContextAttribute.executionId,
        }),
        retryAttempts: 0,
        maxEventAge: Duration.hours(1),
        deadLetterQueue: this.failedRuns,
      }),
    });

    this.alarms = new LoaderAlarms(this, 'Alarms', { handler: this.handler, failedRuns: this.failedRuns, topic: props.alarmTopic });
  }
}
