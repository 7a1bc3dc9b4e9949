import { CfnOutput, CfnParameter, Stack, StackProps } from 'aws-cdk-lib';
import { IHttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import { IUserPool, IUserPoolClient } from 'aws-cdk-lib/aws-cognito';
import { IStream } from 'aws-cdk-lib/aws-kinesis';
import { Code } from 'aws-cdk-lib/aws-lambda';
import { IBucket } from 'aws-cdk-lib/aws-s3';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import type { ClickstreamStack } from './clickstream-stack';
import { INSIGHTS_PATH, InsightsApi, LIVE_READ_ACTIONS } from './insights-api';
import { LiveView } from './live-view';
import { StreamAlarms } from './stream-alarms';
import { WarehouseDatabase } from './warehouse-db';
import { WarehouseLoader } from './warehouse-loader';
import { WarehouseNetwork } from './warehouse-network';

/** What the analytics stack takes from the ingestion stack: the raw events, the shoppers' pool and the HTTP API. */
export type IngestionParts = {
  bucket: IBucket;
  userPool: IUserPool;
  userPoolClient: IUserPoolClient;
  api: IHttpApi;
  apiEndpoint: string;
  /** With the stream transport: the event stream and the Firehose that delivers it. */
  stream?: { stream: IStream; deliveryStreamName: string };
};

export type AnalyticsStackProps = StackProps &
  IngestionParts & {
    loaderCode: Code;
    insightsCode: Code;
    /** The live consumer's bundle: required with the stream transport. */
    liveCode?: Code;
  };

export function ingestionParts(store: ClickstreamStack): IngestionParts {
  return {
    bucket: store.raw.bucket,
    userPool: store.auth.userPool,
    userPoolClient: store.auth.client,
    api: store.ingest.api,
    apiEndpoint: store.ingest.api.apiEndpoint,
    ...(store.streamTransport && {
      stream: { stream: store.streamTransport.events.stream, deliveryStreamName: store.streamTransport.delivery.deliveryStream.ref },
    }),
  };
}

/**
 * The analytics half on AWS: the warehouse database in its own network, the scheduled loader
 * that fills it from the raw bucket, and the insights API on the store's HTTP API. A stack of its
 * own so the store can run (and be redeployed) without it, and so the database's deletion
 * protection never stands in the way of the ingestion stack. With the stream transport it also
 * holds the live view (consumer, table, dead letters) and the stream's alarms, next to their topic.
 */
export class AnalyticsStack extends Stack {
  readonly network: WarehouseNetwork;
  readonly database: WarehouseDatabase;
  readonly loader: WarehouseLoader;
  readonly insights: InsightsApi;
  readonly alarmTopic: Topic;
  /** Only with the stream transport. */
  readonly live?: { view: LiveView; alarms: StreamAlarms };

  constructor(scope: Construct, id: string, props: AnalyticsStackProps) {
    super(scope, id, props);
    const interval = new CfnParameter(this, 'LoadIntervalMinutes', {
      type: 'Number',
      default: 15,
      minValue: 2,
      maxValue: 1440,
      description: 'Minutes between warehouse loads. Under about 6 the database never pauses (it pauses after 5 idle minutes).',
    });

    this.alarmTopic = new Topic(this, 'Alarms', { displayName: 'Lumen analytics alarms' });
    this.network = new WarehouseNetwork(this, 'Network');
    this.database = new WarehouseDatabase(this, 'Warehouse', { vpc: this.network.vpc });
    this.loader = new WarehouseLoader(this, 'Loader', {
      code: props.loaderCode,
      vpc: this.network.vpc,
      cluster: this.database.cluster,
      bucket: props.bucket,
      intervalMinutes: interval.valueAsString,
      alarmTopic: this.alarmTopic,
    });
    if (props.stream) {
      if (!props.liveCode) throw new Error('The stream transport needs the live consumer bundle (liveCode)');
      const view = new LiveView(this, 'Live', { code: props.liveCode, stream: props.stream.stream });
      this.network.addDynamoDbEndpoint(view.table.tableArn, LIVE_READ_ACTIONS);
      const alarms = new StreamAlarms(this, 'StreamAlarms', {
        consumer: view.consumer,
        deadLetters: view.deadLetters,
        deliveryStreamName: props.stream.deliveryStreamName,
        topic: this.alarmTopic,
      });
      this.live = { view, alarms };
    }
    this.insights = new InsightsApi(this, 'Insights', {
      liveTable: this.live?.view.table,
      code: props.insightsCode,
      vpc: this.network.vpc,
      cluster: this.database.cluster,
      api: props.api,
      userPool: props.userPool,
      userPoolClient: props.userPoolClient,
    });
    // The Lambdas connect as roles that exist only once the roles SQL has run.
    for (const fn of [this.loader.handler, this.insights.handler]) fn.node.defaultChild!.node.addDependency(this.database.roles);

    const { cluster } = this.database;
    const outputs: Record<string, { value: string; description: string }> = {
      InsightsEndpoint: { value: `${props.apiEndpoint}${INSIGHTS_PATH}`, description: 'NEXT_PUBLIC_INSIGHTS_ENDPOINT' },
      ClusterIdentifier: { value: cluster.clusterIdentifier, description: 'Aurora cluster of the warehouse' },
      ClusterArn: { value: cluster.clusterArn, description: 'For the RDS Query Editor and `aws rds-data execute-statement`' },
      ClusterEndpoint: { value: cluster.clusterEndpoint.hostname, description: 'Writer endpoint (reachable only inside the VPC)' },
      MasterSecretArn: { value: cluster.secret!.secretArn, description: 'RDS-managed master secret (ARN only): Query Editor, admin SQL' },
      LoaderFunctionName: { value: this.loader.handler.functionName, description: 'Invoke once for the first load' },
      LoaderLogGroup: { value: this.loader.logs.logGroupName, description: 'Loader logs: one summary line per run' },
      InsightsLogGroup: { value: this.insights.logs.logGroupName, description: 'Insights Lambda logs' },
      FailedRunsQueueUrl: { value: this.loader.failedRuns.queueUrl, description: 'Scheduled loads that failed or could not run' },
      AlarmTopicArn: { value: this.alarmTopic.topicArn, description: 'Subscribe to get the analytics alarms' },
    };
    if (this.live) {
      const { view } = this.live;
      outputs.LiveTableName = { value: view.table.tableName, description: 'DynamoDB table of the live view (CLICKSTREAM_LIVE_TABLE)' };
      outputs.LiveConsumerLogGroup = { value: view.logs.logGroupName, description: 'Live consumer logs' };
      outputs.LiveDeadLetterQueueUrl = { value: view.deadLetters.queueUrl, description: 'Stream batches the live consumer gave up on' };
    }
    for (const [outputId, output] of Object.entries(outputs)) new CfnOutput(this, outputId, output);
  }
}
