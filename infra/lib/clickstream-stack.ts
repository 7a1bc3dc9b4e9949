import { Aws, CfnOutput, CfnParameter, Stack, StackProps } from 'aws-cdk-lib';
import { Code } from 'aws-cdk-lib/aws-lambda';
import { Construct } from 'constructs';
import { AnalyticsTable, DATABASE_NAME, TABLE_NAME } from './analytics-table';
import { EventStream } from './event-stream';
import { FirehoseDelivery } from './firehose-delivery';
import { IngestApi } from './ingest-api';
import { RawEventsBucket } from './raw-bucket';
import { ShopperAuth } from './shopper-auth';
import type { StreamCapacity, Transport } from './transport';

export type ClickstreamStackProps = StackProps & {
  /** The bundled ingestion handler (see lambda-code.ts). */
  lambdaCode: Code;
  /** `per-event` unless given (`-c transport=stream` in bin/app.ts). */
  transport?: Transport;
  /** The stream's capacity with the stream transport: on-demand unless given. */
  streamCapacity?: StreamCapacity;
};

/** The stream transport's parts: the stream the API writes to and the Firehose that empties it into the bucket. */
export type StreamTransport = { events: EventStream; delivery: FirehoseDelivery };

/** Everything the store needs on AWS besides Amplify Hosting itself. */
export class ClickstreamStack extends Stack {
  readonly raw: RawEventsBucket;
  readonly auth: ShopperAuth;
  readonly ingest: IngestApi;
  readonly analytics: AnalyticsTable;
  /** Only with the stream transport. */
  readonly streamTransport?: StreamTransport;

  constructor(scope: Construct, id: string, props: ClickstreamStackProps) {
    super(scope, id, props);

    const allowedOrigins = new CfnParameter(this, 'AllowedOrigins', {
      type: 'CommaDelimitedList',
      description: 'Store origins allowed to post events, e.g. https://main.d1abc.amplifyapp.com,https://www.example.com',
    });
    const rateLimit = new CfnParameter(this, 'ThrottleRateLimit', {
      type: 'Number',
      default: 200,
      minValue: 1,
      description: 'Steady-state requests per second for the ingestion API',
    });
    const burstLimit = new CfnParameter(this, 'ThrottleBurstLimit', {
      type: 'Number',
      default: 400,
      minValue: 1,
      description: 'Burst of requests the ingestion API accepts above the rate',
    });

    this.raw = new RawEventsBucket(this, 'RawEvents');
    this.auth = new ShopperAuth(this, 'Shoppers');
    if (props.transport === 'stream') {
      const events = new EventStream(this, 'Events', { capacity: props.streamCapacity ?? { mode: 'on-demand' } });
      const delivery = new FirehoseDelivery(this, 'Delivery', { stream: events.stream, bucket: this.raw.bucket });
      this.streamTransport = { events, delivery };
    }
    this.ingest = new IngestApi(this, 'Ingest', {
      code: props.lambdaCode,
      destination: { bucket: this.raw.bucket, stream: this.streamTransport?.events.stream },
      allowedOrigins: allowedOrigins.valueAsList,
      userPoolId: this.auth.userPool.userPoolId,
      userPoolClientId: this.auth.client.userPoolClientId,
      throttleRateLimit: rateLimit.valueAsNumber,
      throttleBurstLimit: burstLimit.valueAsNumber,
    });
    this.analytics = new AnalyticsTable(this, 'Analytics', { bucket: this.raw.bucket });
    this.addOutputs();
  }

  // Named after the variables they feed (docs/deploy.md copies them into Amplify).
  private addOutputs(): void {
    const outputs: Record<string, { value: string; description: string }> = {
      ClickstreamEndpoint: { value: this.ingest.endpoint, description: 'NEXT_PUBLIC_CLICKSTREAM_ENDPOINT' },
      ApiUrl: { value: this.ingest.api.apiEndpoint, description: 'Base URL of the ingestion HTTP API' },
      BucketName: { value: this.raw.bucket.bucketName, description: 'Raw events bucket (CLICKSTREAM_S3_BUCKET)' },
      UserPoolId: { value: this.auth.userPool.userPoolId, description: 'NEXT_PUBLIC_COGNITO_USER_POOL_ID' },
      UserPoolClientId: { value: this.auth.client.userPoolClientId, description: 'NEXT_PUBLIC_COGNITO_CLIENT_ID' },
      Region: { value: Aws.REGION, description: 'NEXT_PUBLIC_COGNITO_REGION' },
      AthenaWorkGroup: { value: this.analytics.workGroup.ref, description: 'Athena workgroup for the queries in docs/deploy.md' },
      AthenaTable: { value: `${DATABASE_NAME}.${TABLE_NAME}`, description: 'Glue database.table of the events' },
      HandlerLogGroup: { value: this.ingest.handlerLogs.logGroupName, description: 'Ingestion Lambda logs' },
      AccessLogGroup: { value: this.ingest.accessLogs.logGroupName, description: 'HTTP API access logs' },
    };
    if (this.streamTransport) {
      const { events, delivery } = this.streamTransport;
      outputs.EventStreamName = { value: events.stream.streamName, description: 'Kinesis stream of accepted events (CLICKSTREAM_KINESIS_STREAM)' };
      outputs.DeliveryStreamName = { value: delivery.deliveryStream.ref, description: 'Firehose delivering the stream to the bucket in batches' };
      outputs.DeliveryLogGroup = { value: delivery.logs.logGroupName, description: 'Firehose delivery errors' };
    }
    for (const [id, output] of Object.entries(outputs)) new CfnOutput(this, id, output);
  }
}
