import { Aws, Duration } from 'aws-cdk-lib';
import { HttpAuthorizer, HttpAuthorizerType, HttpMethod, HttpRoute, HttpRouteKey, IHttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import { CfnUserPoolGroup, IUserPool, IUserPoolClient } from 'aws-cdk-lib/aws-cognito';
import { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { IVpc, Peer, Port, SecurityGroup, SubnetType } from 'aws-cdk-lib/aws-ec2';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { Code, Function as LambdaFunction } from 'aws-cdk-lib/aws-lambda';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { DatabaseCluster } from 'aws-cdk-lib/aws-rds';
import { Construct } from 'constructs';
import { ANALYSTS_GROUP } from '../../lib/insights/core';
import { databaseEnvironment } from './database-environment';
import { NODE_LAMBDA } from './lambda-code';
import { INSIGHTS_DB_USER } from './warehouse-db';

export const INSIGHTS_PATH = '/insights';
/** What the `live` report does on the live table: Query the minute partitions, never write or scan. */
export const LIVE_READ_ACTIONS = ['dynamodb:Query'];

export type InsightsApiProps = {
  code: Code;
  vpc: IVpc;
  cluster: DatabaseCluster;
  api: IHttpApi;
  userPool: IUserPool;
  userPoolClient: IUserPoolClient;
  /** The live view's table (stream transport): the `live` report reads it. */
  liveTable?: ITable;
};

/**
 * `GET /insights/{report}` on the ingestion's HTTP API. API Gateway verifies the Cognito token
 * (signature, issuer, audience, expiry) before the Lambda runs; the Lambda still decides who may
 * read: only members of the `analysts` group. CORS comes from the API's own preflight settings.
 * The route's `{report}` covers `live` too: with the stream transport the same Lambda answers it
 * from the live table.
 */
export class InsightsApi extends Construct {
  readonly handler: LambdaFunction;
  readonly logs: LogGroup;
  readonly authorizer: HttpAuthorizer;
  readonly route: HttpRoute;
  readonly group: CfnUserPoolGroup;

  constructor(scope: Construct, id: string, props: InsightsApiProps) {
    super(scope, id);
    this.group = new CfnUserPoolGroup(this, 'AnalystsGroup', {
      userPoolId: props.userPool.userPoolId,
      groupName: ANALYSTS_GROUP,
      description: 'May read the store insights (GET /insights/{report})',
    });

    // Talks to the database and nothing else (and to the live table with the stream transport).
    const securityGroup = new SecurityGroup(this, 'SecurityGroup', {
      vpc: props.vpc,
      description: 'Insights Lambda: the warehouse only',
      allowAllOutbound: false,
    });
    this.logs = new LogGroup(this, 'Logs', { retention: RetentionDays.ONE_MONTH });
    this.handler = new LambdaFunction(this, 'Handler', {
      ...NODE_LAMBDA,
      code: props.code,
      memorySize: 512,
      // A paused database takes up to ~15 s to resume; API Gateway gives up at 30 s.
      timeout: Duration.seconds(29),
      vpc: props.vpc,
      vpcSubnets: { subnetType: SubnetType.PRIVATE_ISOLATED },
      securityGroups: [securityGroup],
      logGroup: this.logs,
      environment: {
        ...databaseEnvironment(props.cluster, INSIGHTS_DB_USER),
        ...(props.liveTable && { CLICKSTREAM_LIVE_TABLE: props.liveTable.tableName }),
      },
    });
    props.cluster.connections.allowDefaultPortFrom(this.handler, 'insights API');
    props.cluster.grantConnect(this.handler, INSIGHTS_DB_USER);
    if (props.liveTable) {
      this.handler.addToRolePolicy(new PolicyStatement({ actions: LIVE_READ_ACTIONS, resources: [props.liveTable.tableArn] }));
      // HTTPS out of isolated subnets reaches only the gateway endpoints (their prefix lists would
      // need a lookup at synth); IAM and the DynamoDB endpoint's policy narrow it to the live table.
      securityGroup.addEgressRule(Peer.anyIpv4(), Port.tcp(443), 'DynamoDB (live table) through its gateway endpoint');
    }

    // Declared here rather than through HttpJwtAuthorizer, which would put it in the ingestion stack.
    this.authorizer = new HttpAuthorizer(this, 'CognitoAuthorizer', {
      httpApi: props.api,
      type: HttpAuthorizerType.JWT,
      identitySource: ['$request.header.Authorization'],
      jwtIssuer: `https://cognito-idp.${Aws.REGION}.amazonaws.com/${props.userPool.userPoolId}`,
      // ID tokens carry the app client in `aud`, access tokens in `client_id`: API Gateway accepts either.
      jwtAudience: [props.userPoolClient.userPoolClientId],
    });
    this.route = new HttpRoute(this, 'Route', {
      httpApi: props.api,
      routeKey: HttpRouteKey.with(`${INSIGHTS_PATH}/{report}`, HttpMethod.GET),
      integration: new HttpLambdaIntegration('Insights', this.handler),
      authorizer: HttpAuthorizer.fromHttpAuthorizerAttributes(this, 'RouteAuthorizer', {
        authorizerId: this.authorizer.authorizerId,
        authorizerType: HttpAuthorizerType.JWT,
      }),
    });
  }
}
