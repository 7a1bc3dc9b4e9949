// The analytics stack with `-c transport=stream`: the live view, its route and the stream's alarms.
import type { CfnResource } from 'aws-cdk-lib';
import { describe, expect, it } from 'vitest';
import { only, statementsOf as roleStatements, synthAnalytics } from './stack';

const { stack, store, template } = synthAnalytics({ transport: 'stream' });
const resources = template.toJSON().Resources as Record<string, { Type: string; Properties: Record<string, any>; DeletionPolicy?: string }>;
const idOf = (construct: CfnResource | { node: { defaultChild?: unknown } }) =>
  stack.getLogicalId(('logicalId' in construct ? construct : construct.node.defaultChild) as CfnResource);
const storeIdOf = (construct: CfnResource | { node: { defaultChild?: unknown } }) =>
  store.getLogicalId(('logicalId' in construct ? construct : construct.node.defaultChild) as CfnResource);
const imported = (logicalId: string, attribute = '') => ({
  'Fn::ImportValue': expect.stringMatching(new RegExp(`^${store.stackName}:ExportsOutput(Ref|FnGetAtt)${logicalId}${attribute}[0-9A-F]{8}$`)),
});
const ofType = (type: string) => Object.entries(resources).filter(([, resource]) => resource.Type === type);
const roleOf = (functionId: string) => resources[functionId].Properties.Role['Fn::GetAtt'][0] as string;
const statementsOf = (roleId: string) => roleStatements(template, roleId);

const { view } = stack.live!;
const tableId = idOf(view.table);
const tableArn = { 'Fn::GetAtt': [tableId, 'Arn'] };
const consumerId = idOf(view.consumer);
const queueId = idOf(view.deadLetters);
const insightsId = idOf(stack.insights.handler);
const streamArn = imported(storeIdOf(store.streamTransport!.events.stream), 'Arn');

describe('the live table', () => {
  it('is on-demand, encrypted with KMS, keyed pk/sk, and expires items by expires_at', () => {
    expect(resources[tableId].Properties).toMatchObject({
      BillingMode: 'PAY_PER_REQUEST',
      SSESpecification: { SSEEnabled: true },
      KeySchema: [
        { AttributeName: 'pk', KeyType: 'HASH' },
        { AttributeName: 'sk', KeyType: 'RANGE' },
      ],
      AttributeDefinitions: [
        { AttributeName: 'pk', AttributeType: 'S' },
        { AttributeName: 'sk', AttributeType: 'S' },
      ],
      TimeToLiveSpecification: { AttributeName: 'expires_at', Enabled: true },
    });
    expect(resources[tableId].DeletionPolicy).toBe('Delete');
  });
});

describe('the live consumer', () => {
  const [, mapping] = only(template, 'AWS::Lambda::EventSourceMapping');

  it('reads the event stream in small, quick batches, reporting the records it failed', () => {
    expect(mapping.Properties).toMatchObject({
      FunctionName: { Ref: consumerId },
      EventSourceArn: streamArn,
      StartingPosition: 'LATEST',
      BatchSize: 100,
      MaximumBatchingWindowInSeconds: 1,
      ParallelizationFactor: 1,
      FunctionResponseTypes: ['ReportBatchItemFailures'],
    });
  });

  it('splits a failing batch, retries 3 times within the hour, then sends it to the encrypted dead-letter queue', () => {
    expect(mapping.Properties).toMatchObject({
      BisectBatchOnFunctionError: true,
      MaximumRetryAttempts: 3,
      MaximumRecordAgeInSeconds: 3600,
      DestinationConfig: { OnFailure: { Destination: { 'Fn::GetAtt': [queueId, 'Arn'] } } },
    });
    expect(resources[queueId].Properties).toMatchObject({ SqsManagedSseEnabled: true, MessageRetentionPeriod: 14 * 24 * 3600 });
  });

  it('is told its table and may only write items to it, read its stream and send to its queue', () => {
    expect(resources[consumerId].Properties.Environment.Variables).toEqual({ CLICKSTREAM_LIVE_TABLE: { Ref: tableId } });
    const statements = statementsOf(roleOf(consumerId));
    const dynamo = statements.filter((statement) => [statement.Action].flat().some((action) => action.startsWith('dynamodb:')));
    expect(dynamo).toEqual([{ Effect: 'Allow', Action: 'dynamodb:BatchWriteItem', Resource: tableArn }]);
    const resourcesOf = (prefix: string) =>
      statements.filter((statement) => [statement.Action].flat().some((action) => action.startsWith(prefix))).map((statement) => statement.Resource);
    expect(resourcesOf('kinesis:').flat()).toEqual(expect.arrayContaining([streamArn]));
    for (const resource of resourcesOf('kinesis:')) expect(resource).toEqual(streamArn);
    expect(resourcesOf('sqs:')).toEqual([{ 'Fn::GetAtt': [queueId, 'Arn'] }]);
    expect(statements.flatMap((statement) => [statement.Action].flat()).filter((action) => action.startsWith('s3:'))).toEqual([]);
  });

  it('runs outside the VPC: DynamoDB and Kinesis are all it talks to', () => {
    expect(resources[consumerId].Properties.VpcConfig).toBeUndefined();
  });
});

describe('the live report on the insights API', () => {
  const [, route] = only(template, 'AWS::ApiGatewayV2::Route');
  const [authorizerId] = only(template, 'AWS::ApiGatewayV2::Authorizer');

  it('is GET /insights/live through the same route, JWT authorizer and Lambda as the other reports', () => {
    expect(route.Properties).toMatchObject({ RouteKey: 'GET /insights/{report}', AuthorizationType: 'JWT', AuthorizerId: { Ref: authorizerId } });
    const integrationId = (route.Properties as Record<string, any>).Target['Fn::Join'][1][1].Ref;
    expect(resources[integrationId].Properties.IntegrationUri).toEqual({ 'Fn::GetAtt': [insightsId, 'Arn'] });
  });

  it('tells the insights Lambda the live table, which it may only Query', () => {
    expect(resources[insightsId].Properties.Environment.Variables).toMatchObject({ CLICKSTREAM_LIVE_TABLE: { Ref: tableId } });
    const dynamo = statementsOf(roleOf(insightsId)).filter((statement) => [statement.Action].flat().some((action) => action.startsWith('dynamodb:')));
    expect(dynamo).toEqual([{ Effect: 'Allow', Action: 'dynamodb:Query', Resource: tableArn }]);
  });

  it('reaches DynamoDB from the isolated subnets through a gateway endpoint limited to queries of that table', () => {
    const [, endpoint] = ofType('AWS::EC2::VPCEndpoint').find(([, resource]) => JSON.stringify(resource.Properties.ServiceName).includes('dynamodb'))!;
    expect(endpoint.Properties.VpcEndpointType).toBe('Gateway');
    expect(endpoint.Properties.RouteTableIds).toEqual(ofType('AWS::EC2::RouteTable').map(([id]) => ({ Ref: id })));
    expect(endpoint.Properties.PolicyDocument.Statement).toEqual([
      { Effect: 'Allow', Principal: { AWS: '*' }, Action: 'dynamodb:Query', Resource: tableArn },
    ]);
    const insightsGroup = resources[insightsId].Properties.VpcConfig.SecurityGroupIds[0]['Fn::GetAtt'][0];
    expect(resources[insightsGroup].Properties.SecurityGroupEgress).toEqual([
      expect.objectContaining({ CidrIp: '0.0.0.0/0', IpProtocol: 'tcp', FromPort: 443, ToPort: 443 }),
    ]);
    // Still no way out: isolated subnets have no route to the internet.
    expect(ofType('AWS::EC2::NatGateway')).toEqual([]);
    expect(ofType('AWS::EC2::InternetGateway')).toEqual([]);
  });
});

describe('stream alarms', () => {
  const alarms = ofType('AWS::CloudWatch::Alarm').map(([, alarm]) => alarm.Properties);
  const deliveryStreamName = imported(storeIdOf(store.streamTransport!.delivery.deliveryStream));
  const topic = { Ref: idOf(stack.alarmTopic) };

  it('alarms when the live consumer falls more than a minute behind the stream', () => {
    expect(alarms).toContainEqual(
      expect.objectContaining({
        Namespace: 'AWS/Lambda',
        MetricName: 'IteratorAge',
        Dimensions: [{ Name: 'FunctionName', Value: { Ref: consumerId } }],
        Statistic: 'Maximum',
        Threshold: 60_000,
        ComparisonOperator: 'GreaterThanThreshold',
      }),
    );
  });

  it('alarms on any message in the dead-letter queue', () => {
    expect(alarms).toContainEqual(
      expect.objectContaining({
        Namespace: 'AWS/SQS',
        MetricName: 'ApproximateNumberOfMessagesVisible',
        Dimensions: [{ Name: 'QueueName', Value: { 'Fn::GetAtt': [queueId, 'QueueName'] } }],
        Threshold: 0,
        ComparisonOperator: 'GreaterThanThreshold',
      }),
    );
  });

  it('alarms when Firehose deliveries to S3 are late or fail', () => {
    const firehose = (MetricName: string) => expect.objectContaining({ Namespace: 'AWS/Firehose', MetricName, Dimensions: [{ Name: 'DeliveryStreamName', Value: deliveryStreamName }] });
    expect(alarms).toContainEqual(firehose('DeliveryToS3.DataFreshness'));
    expect(alarms).toContainEqual(firehose('DeliveryToS3.Success'));
    expect(alarms.find((alarm) => alarm.MetricName === 'DeliveryToS3.DataFreshness')).toMatchObject({ Threshold: 600, ComparisonOperator: 'GreaterThanThreshold' });
    expect(alarms.find((alarm) => alarm.MetricName === 'DeliveryToS3.Success')).toMatchObject({ Threshold: 1, ComparisonOperator: 'LessThanThreshold', Statistic: 'Minimum' });
  });

  it('sends them, with the loader\'s three, to the alarm topic', () => {
    expect(alarms).toHaveLength(3 + 4);
    for (const alarm of alarms) expect(alarm.AlarmActions).toEqual([topic]);
  });
});

describe('the per-event transport (no context)', () => {
  const perEvent = synthAnalytics();
  const perEventResources = perEvent.template.toJSON().Resources as Record<string, { Type: string; Properties: Record<string, any> }>;

  it('has no live view, no DynamoDB endpoint and no live table for the insights Lambda', () => {
    const types = Object.values(perEventResources).map((resource) => resource.Type);
    for (const type of ['AWS::DynamoDB::Table', 'AWS::Lambda::EventSourceMapping', 'AWS::SQS::Queue']) {
      expect(types.filter((found) => found === type)).toHaveLength(type === 'AWS::SQS::Queue' ? 1 : 0);
    }
    expect(JSON.stringify(perEventResources)).not.toContain('dynamodb');
    expect(perEvent.stack.live).toBeUndefined();
    const insights = perEventResources[perEvent.stack.getLogicalId(perEvent.stack.insights.handler.node.defaultChild as CfnResource)];
    expect(insights.Properties.Environment.Variables).not.toHaveProperty('CLICKSTREAM_LIVE_TABLE');
  });
});
