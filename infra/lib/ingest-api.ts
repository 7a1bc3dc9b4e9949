import { Duration, Fn } from 'aws-cdk-lib';
import { CorsHttpMethod, HttpApi, HttpMethod, HttpStage, LogGroupLogDestination } from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { IStream } from 'aws-cdk-lib/aws-kinesis';
import { Code, Function as LambdaFunction } from 'aws-cdk-lib/aws-lambda';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { IBucket } from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { EVENTS_PREFIX, REJECTED_PREFIX } from '../../lib/ingest/layout';
import { NODE_LAMBDA } from './lambda-code';

const CLICKSTREAM_PATH = '/clickstream';

/**
 * Where the Lambda's sink writes: accepted events as objects in the raw bucket (per-event) or as
 * records on the stream; the refused requests' records under `rejected/` of the bucket either way.
 */
export type IngestDestination = { bucket: IBucket; stream?: IStream };

export type IngestApiProps = {
  code: Code;
  destination: IngestDestination;
  allowedOrigins: string[];
  userPoolId: string;
  userPoolClientId: string;
  throttleRateLimit: number;
  throttleBurstLimit: number;
};

// HTTP API context variables only (the REST API's standard JSON format names some that do not exist here).
const ACCESS_LOG_FORMAT = AccessLogFormat.custom(
  JSON.stringify({
    requestId: '$context.requestId',
    requestTime: '$context.requestTime',
    sourceIp: '$context.identity.sourceIp',
    userAgent: '$context.identity.userAgent',
    routeKey: '$context.routeKey',
    status: '$context.status',
    responseLength: '$context.responseLength',
    integrationLatency: '$context.integrationLatency',
    integrationError: '$context.integrationErrorMessage',
  }),
);

function sinkEnvironment({ bucket, stream }: IngestDestination): Record<string, string> {
  const rest = { CLICKSTREAM_S3_BUCKET: bucket.bucketName };
  return stream ? { CLICKSTREAM_SINK: 'kinesis', CLICKSTREAM_KINESIS_STREAM: stream.streamName, ...rest } : rest;
}

/**
 * Exactly what the sink does, and nothing else: in S3 no reads, deletes, tagging or ACLs, and no
 * `events/` with the stream; on the stream only PutRecords (which needs no DescribeStream or ListShards).
 */
function sinkGrants({ bucket, stream }: IngestDestination): PolicyStatement[] {
  const rejected = bucket.arnForObjects(`${REJECTED_PREFIX}*`);
  if (!stream) return [new PolicyStatement({ actions: ['s3:PutObject'], resources: [bucket.arnForObjects(`${EVENTS_PREFIX}*`), rejected] })];
  return [
    new PolicyStatement({ actions: ['kinesis:PutRecords'], resources: [stream.streamArn] }),
    new PolicyStatement({ actions: ['s3:PutObject'], resources: [rejected] }),
  ];
}

/** `POST /clickstream` on an HTTP API, served by the ingestion core's Lambda adapter. */
export class IngestApi extends Construct {
  readonly handler: LambdaFunction;
  readonly api: HttpApi;
  readonly stage: HttpStage;
  readonly handlerLogs: LogGroup;
  readonly accessLogs: LogGroup;

  constructor(scope: Construct, id: string, props: IngestApiProps) {
    super(scope, id);
    this.handlerLogs = new LogGroup(this, 'HandlerLogs', { retention: RetentionDays.ONE_MONTH });
    this.handler = new LambdaFunction(this, 'Handler', {
      ...NODE_LAMBDA,
      code: props.code,
      memorySize: 256,
      timeout: Duration.seconds(10),
      logGroup: this.handlerLogs,
      environment: {
        ...sinkEnvironment(props.destination),
        CLICKSTREAM_ALLOWED_ORIGINS: Fn.join(',', props.allowedOrigins),
        CLICKSTREAM_COGNITO_USER_POOL_ID: props.userPoolId,
        CLICKSTREAM_COGNITO_CLIENT_ID: props.userPoolClientId,
      },
    });
    for (const grant of sinkGrants(props.destination)) this.handler.addToRolePolicy(grant);

    this.api = new HttpApi(this, 'Api', {
      apiName: 'lumen-clickstream',
      description: 'Lumen clickstream ingestion',
      createDefaultStage: false,
      // API Gateway answers preflight itself; the browser posts JSON or text/plain beacons with a
      // bearer token, and the insights page (analytics stack) GETs its reports with one.
      corsPreflight: {
        allowOrigins: props.allowedOrigins,
        allowMethods: [CorsHttpMethod.GET, CorsHttpMethod.POST, CorsHttpMethod.OPTIONS],
        allowHeaders: ['content-type', 'authorization'],
        exposeHeaders: ['retry-after'],
        maxAge: Duration.hours(1),
      },
    });
    this.api.addRoutes({
      path: CLICKSTREAM_PATH,
      methods: [HttpMethod.POST],
      integration: new HttpLambdaIntegration('Ingest', this.handler),
    });

    this.accessLogs = new LogGroup(this, 'AccessLogs', { retention: RetentionDays.TWO_WEEKS });
    this.stage = new HttpStage(this, 'DefaultStage', {
      httpApi: this.api,
      stageName: '$default',
      autoDeploy: true,
      throttle: { rateLimit: props.throttleRateLimit, burstLimit: props.throttleBurstLimit },
      accessLogSettings: { destination: new LogGroupLogDestination(this.accessLogs), format: ACCESS_LOG_FORMAT },
    });
  }

  /** The full URL the tracker posts to (NEXT_PUBLIC_CLICKSTREAM_ENDPOINT). */
  get endpoint(): string {
    return `${this.api.apiEndpoint}${CLICKSTREAM_PATH}`;
  }
}
