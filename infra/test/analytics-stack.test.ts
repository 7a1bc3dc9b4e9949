import { readFileSync } from 'node:fs';
import type { CfnResource } from 'aws-cdk-lib';
import { describe, expect, it } from 'vitest';
import { LOAD_METRICS } from '../../lambda/load-metrics';
import { ROLES_SQL } from '../lib/warehouse-db';
import { only, synthAnalytics, synthStack } from './stack';

const { stack, store, template } = synthAnalytics();
const resources = template.toJSON().Resources as Record<string, { Type: string; Properties: Record<string, any>; DeletionPolicy?: string }>;
const idOf = (construct: { node: { defaultChild?: unknown } }) => stack.getLogicalId(construct.node.defaultChild as CfnResource);
const storeIdOf = (construct: { node: { defaultChild?: unknown } }) => store.getLogicalId(construct.node.defaultChild as CfnResource);
/** A value the analytics stack imports from the ingestion stack's export of `logicalId` (and `attribute`). */
const imported = (logicalId: string, attribute = '') => ({
  'Fn::ImportValue': expect.stringMatching(new RegExp(`^${store.stackName}:ExportsOutput(Ref|FnGetAtt)${logicalId}${attribute}[0-9A-F]{8}$`)),
});
const ofType = (type: string) => Object.entries(resources).filter(([, resource]) => resource.Type === type);
const [clusterId, cluster] = only(template, 'AWS::RDS::DBCluster');
const clusterProps = cluster.Properties as Record<string, any>;
const loaderId = idOf(stack.loader.handler);
const insightsId = idOf(stack.insights.handler);
const queueId = idOf(stack.loader.failedRuns);
const rawId = storeIdOf(store.raw.bucket);
const isolatedSubnets = ofType('AWS::EC2::Subnet').map(([id]) => ({ Ref: id }));

type Statement = { Effect: string; Action: string | string[]; Resource: unknown; Condition?: unknown };
/** Every statement of the inline policies attached to a role. */
function statementsOf(roleId: string): Statement[] {
  return ofType('AWS::IAM::Policy')
    .filter(([, policy]) => (policy.Properties.Roles as unknown[]).some((role) => JSON.stringify(role) === JSON.stringify({ Ref: roleId })))
    .flatMap(([, policy]) => policy.Properties.PolicyDocument.Statement);
}
const roleOf = (functionId: string) => resources[functionId].Properties.Role['Fn::GetAtt'][0] as string;
const clusterArn = {
  'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':rds:', { Ref: 'AWS::Region' }, ':', { Ref: 'AWS::AccountId' }, ':cluster:', { Ref: clusterId }]],
};
const dbUserArn = (user: string) => ({
  'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':rds-db:', { Ref: 'AWS::Region' }, ':', { Ref: 'AWS::AccountId' }, ':dbuser:', { 'Fn::GetAtt': [clusterId, 'DBClusterResourceId'] }, `/${user}`]],
});

describe('warehouse database', () => {
  it('is Aurora PostgreSQL 16 or later, Serverless v2 scaling down to 0 ACU', () => {
    expect(clusterProps.Engine).toBe('aurora-postgresql');
    expect(Number(clusterProps.EngineVersion.split('.')[0])).toBeGreaterThanOrEqual(16);
    expect(clusterProps.ServerlessV2ScalingConfiguration).toEqual({ MinCapacity: 0, MaxCapacity: 4, SecondsUntilAutoPause: 300 });
    const [, writer] = only(template, 'AWS::RDS::DBInstance');
    expect(writer.Properties).toMatchObject({ DBClusterIdentifier: { Ref: clusterId }, DBInstanceClass: 'db.serverless', PubliclyAccessible: false });
  });

  it('holds clickstream_dw, encrypted, backed up, protected from deletion, snapshotted when removed', () => {
    expect(clusterProps).toMatchObject({ DatabaseName: 'clickstream_dw', StorageEncrypted: true, DeletionProtection: true, BackupRetentionPeriod: 7 });
    expect(cluster.DeletionPolicy).toBe('Snapshot');
  });

  it('keeps the master password in RDS-managed Secrets Manager and lets users in by IAM token', () => {
    expect(clusterProps.ManageMasterUserPassword).toBe(true);
    expect(clusterProps.MasterUserPassword).toBeUndefined();
    expect(clusterProps.EnableIAMDatabaseAuthentication).toBe(true);
    expect(clusterProps.EnableHttpEndpoint).toBe(true);
  });

  it('creates the loader and insights database roles with the SQL of warehouse-roles.sql, through the Data API', () => {
    const [, roles] = only(template, 'Custom::AWS');
    const create = JSON.stringify(stack.resolve(roles.Properties.Create));
    expect(create).toContain('"service\\":\\"rds-data\\",\\"action\\":\\"ExecuteStatement\\"');
    expect(create).toContain(JSON.stringify(JSON.stringify(ROLES_SQL)).slice(3, -3));
    expect(ROLES_SQL).toBe(readFileSync(new URL('../lib/warehouse-roles.sql', import.meta.url), 'utf8'));
  });
});

describe('network', () => {
  it('has two isolated subnets in two AZs and no route out', () => {
    const subnets = ofType('AWS::EC2::Subnet').map(([, subnet]) => subnet.Properties);
    expect(subnets.map((subnet) => subnet.AvailabilityZone)).toEqual([0, 1].map((index) => ({ 'Fn::Select': [index, { 'Fn::GetAZs': '' }] })));
    for (const subnet of subnets) {
      expect(subnet.MapPublicIpOnLaunch).toBe(false);
      expect(subnet.Tags).toContainEqual({ Key: 'aws-cdk:subnet-type', Value: 'Isolated' });
    }
    expect(ofType('AWS::EC2::Route')).toEqual([]);
  });

  it('has no NAT gateway, internet gateway or public address in either stack', () => {
    const everyType = [...Object.values(resources), ...Object.values(synthStack().template.toJSON().Resources as Record<string, { Type: string }>)].map(
      (resource) => resource.Type,
    );
    for (const type of ['AWS::EC2::NatGateway', 'AWS::EC2::InternetGateway', 'AWS::EC2::EIP', 'AWS::EC2::VPCGatewayAttachment']) {
      expect(everyType).not.toContain(type);
    }
  });

  it('reaches S3 through a gateway endpoint on both route tables, and nothing through interface endpoints', () => {
    const [, endpoint] = only(template, 'AWS::EC2::VPCEndpoint');
    expect(endpoint.Properties).toMatchObject({
      VpcEndpointType: 'Gateway',
      ServiceName: { 'Fn::Join': ['', ['com.amazonaws.', { Ref: 'AWS::Region' }, '.s3']] },
      RouteTableIds: ofType('AWS::EC2::RouteTable').map(([id]) => ({ Ref: id })),
    });
  });

  it('places the database and both Lambdas in the isolated subnets', () => {
    const [, subnetGroup] = only(template, 'AWS::RDS::DBSubnetGroup');
    expect(subnetGroup.Properties.SubnetIds).toEqual(isolatedSubnets);
    for (const id of [loaderId, insightsId]) expect(resources[id].Properties.VpcConfig.SubnetIds).toEqual(isolatedSubnets);
  });

  it('opens the database port only to the two Lambdas; the insights Lambda may reach nothing else', () => {
    const dbGroup = clusterProps.VpcSecurityGroupIds[0]['Fn::GetAtt'][0];
    const ingress = ofType('AWS::EC2::SecurityGroupIngress').map(([, rule]) => rule.Properties);
    const lambdaGroups = [loaderId, insightsId].map((id) => resources[id].Properties.VpcConfig.SecurityGroupIds[0]);
    expect(ingress.map((rule) => rule.SourceSecurityGroupId)).toEqual(lambdaGroups);
    for (const rule of ingress) expect(rule).toMatchObject({ GroupId: { 'Fn::GetAtt': [dbGroup, 'GroupId'] }, FromPort: { 'Fn::GetAtt': [clusterId, 'Endpoint.Port'] } });
    expect(resources[dbGroup].Properties.SecurityGroupIngress).toBeUndefined();
    const insightsGroup = lambdaGroups[1]['Fn::GetAtt'][0];
    // No inline egress (not the default allow-all): only the rule to the database below.
    expect(resources[insightsGroup].Properties.SecurityGroupEgress).toBeUndefined();
    const egress = ofType('AWS::EC2::SecurityGroupEgress').map(([, rule]) => rule.Properties);
    expect(egress).toEqual([expect.objectContaining({ GroupId: lambdaGroups[1], DestinationSecurityGroupId: { 'Fn::GetAtt': [dbGroup, 'GroupId'] } })]);
  });
});

describe('loader', () => {
  const loader = resources[loaderId].Properties;

  it('runs the loader bundle one at a time, sized for a backlog, and connects as clickstream_loader over verified TLS', () => {
    expect(loader).toMatchObject({ Handler: 'index.handler', Runtime: 'nodejs22.x', ReservedConcurrentExecutions: 1, MemorySize: 1024, Timeout: 300 });
    expect(loader.Environment.Variables).toEqual({
      CLICKSTREAM_S3_BUCKET: imported(rawId),
      WAREHOUSE_DB_HOST: { 'Fn::GetAtt': [clusterId, 'Endpoint.Address'] },
      WAREHOUSE_DB_PORT: { 'Fn::GetAtt': [clusterId, 'Endpoint.Port'] },
      WAREHOUSE_DB_NAME: 'clickstream_dw',
      WAREHOUSE_DB_USER: 'clickstream_loader',
      NODE_EXTRA_CA_CERTS: '/var/runtime/ca-cert.pem',
    });
    expect(resources[loader.LoggingConfig.LogGroup.Ref].Properties.RetentionInDays).toBe(30);
  });

  it('is invoked by EventBridge Scheduler every LoadIntervalMinutes (15 by default), failures to the failed-runs queue', () => {
    const [, schedule] = only(template, 'AWS::Scheduler::Schedule');
    expect(schedule.Properties).toMatchObject({
      ScheduleExpression: { 'Fn::Join': ['', ['rate(', { Ref: 'LoadIntervalMinutes' }, ' minutes)']] },
      State: 'ENABLED',
      Target: { Arn: { 'Fn::GetAtt': [loaderId, 'Arn'] }, DeadLetterConfig: { Arn: { 'Fn::GetAtt': [queueId, 'Arn'] } }, RetryPolicy: { MaximumRetryAttempts: 0 } },
    });
    expect(JSON.parse((schedule.Properties as Record<string, any>).Target.Input)).toEqual({
      source: 'lumen.warehouse-schedule',
      scheduledTime: '<aws.scheduler.scheduled-time>',
      executionId: '<aws.scheduler.execution-id>',
    });
    expect(template.toJSON().Parameters.LoadIntervalMinutes).toMatchObject({ Type: 'Number', Default: 15, MinValue: 2 });
    const [, invokeConfig] = only(template, 'AWS::Lambda::EventInvokeConfig');
    expect(invokeConfig.Properties).toMatchObject({
      FunctionName: { Ref: loaderId },
      MaximumRetryAttempts: 0,
      DestinationConfig: { OnFailure: { Destination: { 'Fn::GetAtt': [queueId, 'Arn'] } } },
    });
  });

  it('may only read events/ of the raw bucket (GetObject, and ListBucket under the prefix), connect as its user, and report failures', () => {
    const rawArn = imported(rawId, 'Arn');
    expect(statementsOf(roleOf(loaderId))).toEqual([
      { Effect: 'Allow', Action: ['sqs:SendMessage', 'sqs:GetQueueAttributes', 'sqs:GetQueueUrl'], Resource: { 'Fn::GetAtt': [queueId, 'Arn'] } },
      { Effect: 'Allow', Action: 'rds-db:connect', Resource: dbUserArn('clickstream_loader') },
      { Effect: 'Allow', Action: 's3:GetObject', Resource: { 'Fn::Join': ['', [rawArn, '/events/*']] } },
      { Effect: 'Allow', Action: 's3:ListBucket', Resource: rawArn, Condition: { StringLike: { 's3:prefix': ['events/*'] } } },
    ]);
  });
});

describe('IAM across the analytics stack', () => {
  const allStatements = ofType('AWS::IAM::Policy').flatMap(([, policy]) => policy.Properties.PolicyDocument.Statement as Statement[]);
  const actions = allStatements.flatMap((statement) => [statement.Action].flat());

  it('grants S3 nothing but the loader read, and nothing on rejected/', () => {
    expect(actions.filter((action) => action.startsWith('s3:') || action === '*')).toEqual(['s3:GetObject', 's3:ListBucket']);
    expect(JSON.stringify(allStatements)).not.toContain('rejected');
  });

  it('gives the insights Lambda only its database login', () => {
    expect(statementsOf(roleOf(insightsId))).toEqual([{ Effect: 'Allow', Action: 'rds-db:connect', Resource: dbUserArn('clickstream_insights') }]);
  });

  it('lets only the roles custom resource read the master secret, and use it only through the Data API', () => {
    const readers = allStatements.filter((statement) => [statement.Action].flat().some((action) => action.startsWith('secretsmanager:')));
    expect(readers).toEqual([{ Effect: 'Allow', Action: 'secretsmanager:GetSecretValue', Resource: { 'Fn::GetAtt': [clusterId, 'MasterUserSecret.SecretArn'] } }]);
    const [, roles] = only(template, 'Custom::AWS');
    const providerRole = resources[(roles.Properties as Record<string, any>).ServiceToken['Fn::GetAtt'][0]].Properties.Role['Fn::GetAtt'][0];
    expect(statementsOf(providerRole)).toEqual([
      { Effect: 'Allow', Action: 'rds-data:ExecuteStatement', Resource: clusterArn },
      readers[0],
    ]);
  });

  it('lets the schedule invoke only the loader, and send only to the failed-runs queue', () => {
    const [, schedule] = only(template, 'AWS::Scheduler::Schedule');
    const schedulerRole = (schedule.Properties as Record<string, any>).Target.RoleArn['Fn::GetAtt'][0];
    const loaderArn = { 'Fn::GetAtt': [loaderId, 'Arn'] };
    expect(statementsOf(schedulerRole)).toEqual([
      { Effect: 'Allow', Action: 'lambda:InvokeFunction', Resource: [loaderArn, { 'Fn::Join': ['', [loaderArn, ':*']] }] },
      { Effect: 'Allow', Action: 'sqs:SendMessage', Resource: { 'Fn::GetAtt': [queueId, 'Arn'] } },
    ]);
    expect(resources[schedulerRole].Properties.AssumeRolePolicyDocument.Statement).toEqual([
      expect.objectContaining({ Effect: 'Allow', Action: 'sts:AssumeRole', Principal: { Service: 'scheduler.amazonaws.com' } }),
    ]);
  });

  it('gives both Lambdas only the logging and VPC network-interface managed policies, which grant no data access', () => {
    const managed = (name: string) => ({ 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, `:iam::aws:policy/service-role/${name}`]] });
    for (const id of [loaderId, insightsId]) {
      expect(resources[roleOf(id)].Properties.ManagedPolicyArns).toEqual([managed('AWSLambdaBasicExecutionRole'), managed('AWSLambdaVPCAccessExecutionRole')]);
    }
  });

  it('has no role besides the loader, insights, schedule and custom resource roles', () => {
    const [, roles] = only(template, 'Custom::AWS');
    const providerRole = resources[(roles.Properties as Record<string, any>).ServiceToken['Fn::GetAtt'][0]].Properties.Role['Fn::GetAtt'][0];
    const schedulerRole = (only(template, 'AWS::Scheduler::Schedule')[1].Properties as Record<string, any>).Target.RoleArn['Fn::GetAtt'][0];
    expect(ofType('AWS::IAM::Role').map(([id]) => id).sort()).toEqual([roleOf(loaderId), roleOf(insightsId), providerRole, schedulerRole].sort());
  });
});

describe('insights API', () => {
  const [routeId, route] = only(template, 'AWS::ApiGatewayV2::Route');
  const apiId = imported(storeIdOf(store.ingest.api));

  it('routes GET /insights/{report} on the ingestion HTTP API through a Cognito JWT authorizer', () => {
    const [authorizerId, authorizer] = only(template, 'AWS::ApiGatewayV2::Authorizer');
    expect(route.Properties).toMatchObject({ ApiId: apiId, RouteKey: 'GET /insights/{report}', AuthorizationType: 'JWT', AuthorizerId: { Ref: authorizerId } });
    expect(authorizer.Properties).toEqual({
      ApiId: apiId,
      AuthorizerType: 'JWT',
      Name: 'CognitoAuthorizer',
      IdentitySource: ['$request.header.Authorization'],
      JwtConfiguration: {
        Issuer: { 'Fn::Join': ['', ['https://cognito-idp.', { Ref: 'AWS::Region' }, '.amazonaws.com/', imported(storeIdOf(store.auth.userPool))]] },
        Audience: [imported(storeIdOf(store.auth.client))],
      },
    });
    expect(routeId).toBeTruthy();
  });

  it('integrates the insights Lambda (payload 2.0), which connects as the read-only clickstream_insights', () => {
    const integrationId = (route.Properties as Record<string, any>).Target['Fn::Join'][1][1].Ref;
    expect(resources[integrationId].Properties).toMatchObject({
      ApiId: apiId,
      IntegrationType: 'AWS_PROXY',
      IntegrationUri: { 'Fn::GetAtt': [insightsId, 'Arn'] },
      PayloadFormatVersion: '2.0',
    });
    const insights = resources[insightsId].Properties;
    expect(insights.Environment.Variables).toMatchObject({ WAREHOUSE_DB_USER: 'clickstream_insights', NODE_EXTRA_CA_CERTS: '/var/runtime/ca-cert.pem' });
    expect(insights.Timeout).toBeLessThan(30);
  });

  it('creates the analysts group in the shoppers pool', () => {
    const [, group] = only(template, 'AWS::Cognito::UserPoolGroup');
    expect(group.Properties).toMatchObject({ GroupName: 'analysts', UserPoolId: imported(storeIdOf(store.auth.userPool)) });
  });
});

describe('alarms', () => {
  const alarms = ofType('AWS::CloudWatch::Alarm').map(([, alarm]) => alarm.Properties);
  const topic = { Ref: idOf(stack.alarmTopic) };

  it('alarms on any failed load and on messages in the failed-runs queue', () => {
    expect(alarms).toContainEqual(
      expect.objectContaining({ Namespace: 'AWS/Lambda', MetricName: 'Errors', Dimensions: [{ Name: 'FunctionName', Value: { Ref: loaderId } }], Threshold: 1 }),
    );
    expect(alarms).toContainEqual(expect.objectContaining({ Namespace: 'AWS/SQS', MetricName: 'ApproximateNumberOfMessagesVisible', Threshold: 1 }));
  });

  it('alarms when the newest loaded event is over 2 hours old or the loader stops reporting', () => {
    expect(alarms).toContainEqual(
      expect.objectContaining({
        Namespace: LOAD_METRICS.namespace,
        MetricName: LOAD_METRICS.newestEventAge,
        Threshold: 7200,
        ComparisonOperator: 'GreaterThanThreshold',
        TreatMissingData: 'breaching',
      }),
    );
  });

  it('sends every alarm to the alarm topic', () => {
    expect(alarms).toHaveLength(3);
    for (const alarm of alarms) expect(alarm.AlarmActions).toEqual([topic]);
  });
});

describe('outputs', () => {
  const outputs = template.toJSON().Outputs as Record<string, { Value: unknown }>;

  it('gives the insights endpoint under the HTTP API, and the cluster', () => {
    expect(outputs.InsightsEndpoint.Value).toEqual({ 'Fn::Join': ['', [imported(storeIdOf(store.ingest.api), 'ApiEndpoint'), '/insights']] });
    expect(outputs.ClusterIdentifier.Value).toEqual({ Ref: clusterId });
    expect(outputs.ClusterEndpoint.Value).toEqual({ 'Fn::GetAtt': [clusterId, 'Endpoint.Address'] });
    expect(outputs.LoaderFunctionName.Value).toEqual({ Ref: loaderId });
  });

  it('names the master secret by ARN only', () => {
    expect(outputs.MasterSecretArn.Value).toEqual({ 'Fn::GetAtt': [clusterId, 'MasterUserSecret.SecretArn'] });
  });
});
