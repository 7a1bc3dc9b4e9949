// The ingestion stack with `-c transport=stream`: the stream, Firehose and the grants that change.
import { execFileSync } from 'node:child_process';
import type { CfnResource } from 'aws-cdk-lib';
import { App } from 'aws-cdk-lib';
import { describe, expect, it } from 'vitest';
import { DATA_PREFIX, PARTITION_QUERY } from '../lib/firehose-delivery';
import { streamCapacityOf, transportOf } from '../lib/transport';
import { only, statementsOf as roleStatements, synthStack } from './stack';

const { stack, template } = synthStack({ transport: 'stream' });
const resources = template.toJSON().Resources as Record<string, { Type: string; Properties: Record<string, any> }>;
const idOf = (construct: { node: { defaultChild?: unknown } }) => stack.getLogicalId(construct.node.defaultChild as CfnResource);
const { events, delivery } = stack.streamTransport!;
const streamId = idOf(events.stream);
const streamArn = { 'Fn::GetAtt': [streamId, 'Arn'] };
const rawId = idOf(stack.raw.bucket);
const rawArn = { 'Fn::GetAtt': [rawId, 'Arn'] };
const objectsUnder = (prefix: string) => ({ 'Fn::Join': ['', [rawArn, `/${prefix}`]] });

const statementsOf = (roleId: string) => roleStatements(template, roleId);
const ingestRoleId = stack.getLogicalId(stack.ingest.handler.role!.node.defaultChild as CfnResource);
const firehoseRoleId = idOf(delivery.role);
const [, firehose] = only(template, 'AWS::KinesisFirehose::DeliveryStream');
const destination = firehose.Properties.ExtendedS3DestinationConfiguration as Record<string, any>;

describe('the ingestion Lambda with the stream transport', () => {
  it('may only PutRecords on its stream, and put the refused requests under rejected/: nothing under events/', () => {
    expect(statementsOf(ingestRoleId)).toEqual([
      { Effect: 'Allow', Action: 'kinesis:PutRecords', Resource: streamArn },
      { Effect: 'Allow', Action: 's3:PutObject', Resource: objectsUnder('rejected/*') },
    ]);
  });

  it('is configured for the Kinesis sink and that stream, with the bucket for the rejected records', () => {
    expect(resources[idOf(stack.ingest.handler)].Properties.Environment.Variables).toMatchObject({
      CLICKSTREAM_SINK: 'kinesis',
      CLICKSTREAM_KINESIS_STREAM: { Ref: streamId },
      CLICKSTREAM_S3_BUCKET: { Ref: rawId },
    });
  });

  it('still exposes only POST /clickstream', () => {
    expect(Object.values(template.findResources('AWS::ApiGatewayV2::Route')).map((route) => route.Properties.RouteKey)).toEqual(['POST /clickstream']);
  });
});

describe('the event stream', () => {
  it('is on-demand, encrypted with the AWS managed KMS key, and keeps records 24 hours', () => {
    expect(resources[streamId].Properties).toMatchObject({
      StreamModeDetails: { StreamMode: 'ON_DEMAND' },
      StreamEncryption: { EncryptionType: 'KMS', KeyId: 'alias/aws/kinesis' },
      RetentionPeriodHours: 24,
    });
    expect(resources[streamId].Properties.ShardCount).toBeUndefined();
    // Not left behind to go on costing its hourly charge.
    expect((resources[streamId] as unknown as { DeletionPolicy: string }).DeletionPolicy).toBe('Delete');
  });

  it('takes provisioned shards when asked', () => {
    const provisioned = synthStack({ transport: 'stream', streamCapacity: { mode: 'provisioned', shards: 3 } }).template;
    const [, stream] = only(provisioned, 'AWS::Kinesis::Stream');
    expect(stream.Properties).toMatchObject({ StreamModeDetails: { StreamMode: 'PROVISIONED' }, ShardCount: 3 });
  });
});

describe('Firehose delivery to the raw bucket', () => {
  it('reads the event stream with its own role', () => {
    expect(firehose.Properties).toMatchObject({
      DeliveryStreamType: 'KinesisStreamAsSource',
      KinesisStreamSourceConfiguration: { KinesisStreamARN: streamArn, RoleARN: { 'Fn::GetAtt': [firehoseRoleId, 'Arn'] } },
    });
    expect(destination).toMatchObject({ BucketARN: rawArn, RoleARN: { 'Fn::GetAtt': [firehoseRoleId, 'Arn'] } });
  });

  it('writes gzip NDJSON objects events/YYYY/MM/DD/batch-*.json.gz, partitioned on each event\'s day', () => {
    expect(destination).toMatchObject({
      Prefix: 'events/!{partitionKeyFromQuery:year}/!{partitionKeyFromQuery:month}/!{partitionKeyFromQuery:day}/batch-',
      FileExtension: '.json.gz',
      CompressionFormat: 'GZIP',
      DynamicPartitioningConfiguration: { Enabled: true },
    });
    expect(destination.ProcessingConfiguration).toEqual({
      Enabled: true,
      Processors: [
        {
          Type: 'MetadataExtraction',
          Parameters: [
            { ParameterName: 'MetadataExtractionQuery', ParameterValue: PARTITION_QUERY },
            { ParameterName: 'JsonParsingEngine', ParameterValue: 'JQ-1.6' },
          ],
        },
        { Type: 'AppendDelimiterToRecord', Parameters: [{ ParameterName: 'Delimiter', ParameterValue: '\\n' }] },
      ],
    });
  });

  it('puts what it cannot partition or deliver under errors/, by error type', () => {
    expect(destination.ErrorOutputPrefix).toBe('errors/!{firehose:error-output-type}/!{timestamp:yyyy/MM/dd}/');
  });

  it('buffers 64 MB (the least dynamic partitioning allows) or 60 s', () => {
    expect(destination.BufferingHints).toEqual({ SizeInMBs: 64, IntervalInSeconds: 60 });
  });

  it('logs delivery errors to its own group', () => {
    const logGroupId = idOf(delivery.logs);
    expect(destination.CloudWatchLoggingOptions).toMatchObject({ Enabled: true, LogGroupName: { Ref: logGroupId } });
    expect(resources[logGroupId].Properties.RetentionInDays).toBe(30);
  });

  // jq 1.6 is the engine Firehose runs the query with: this is the key it computes.
  it('keys an event by the UTC day of its event_timestamp, not by when Firehose reads it, as the Glue table projects', () => {
    const keyOf = (event: Record<string, unknown>) => {
      const parts = JSON.parse(execFileSync('jq', ['-c', PARTITION_QUERY], { input: JSON.stringify(event) }).toString());
      return DATA_PREFIX.replace(/!\{partitionKeyFromQuery:(\w+)\}/g, (_, name: string) => String(parts[name]));
    };
    // Received a millisecond before midnight UTC, delivered after it: stays on the 31st.
    expect(keyOf({ event_id: '7d2f0c1e-0000-4000-8000-000000000001', event_timestamp: '2026-12-31T23:59:59.999Z' })).toBe('events/2026/12/31/batch-');
    // Without a timestamp the keys are null: Firehose sends the record to errors/, never under events/.
    expect(keyOf({ event_id: 'x' })).toBe('events/null/null/null/batch-');
  });

  it('trusts only Firehose, for this account', () => {
    expect(resources[firehoseRoleId].Properties.AssumeRolePolicyDocument.Statement).toEqual([
      {
        Action: 'sts:AssumeRole',
        Effect: 'Allow',
        Principal: { Service: 'firehose.amazonaws.com' },
        Condition: { StringEquals: { 'sts:ExternalId': { Ref: 'AWS::AccountId' } } },
      },
    ]);
  });

  it('may read the stream, write events/* and errors/* and its logs, and nothing else', () => {
    const statements = statementsOf(firehoseRoleId);
    expect(statements).toEqual([
      {
        Effect: 'Allow',
        Action: ['kinesis:DescribeStream', 'kinesis:DescribeStreamSummary', 'kinesis:GetShardIterator', 'kinesis:GetRecords', 'kinesis:ListShards'],
        Resource: streamArn,
      },
      { Effect: 'Allow', Action: ['s3:PutObject', 's3:AbortMultipartUpload'], Resource: [objectsUnder('events/*'), objectsUnder('errors/*')] },
      { Effect: 'Allow', Action: 's3:GetBucketLocation', Resource: rawArn },
      { Effect: 'Allow', Action: 'logs:PutLogEvents', Resource: { 'Fn::GetAtt': [idOf(delivery.logs), 'Arn'] } },
    ]);
    // Created after its role's policy, which Firehose checks when the delivery stream is created.
    expect((firehose as unknown as { DependsOn: string[] }).DependsOn).toEqual(expect.arrayContaining([firehoseRoleId]));
  });

  it('leaves the ingestion Lambda and Firehose the only roles in the stack', () => {
    expect(Object.keys(template.findResources('AWS::IAM::Role')).sort()).toEqual([firehoseRoleId, ingestRoleId].sort());
  });
});

describe('the Athena table with the stream transport', () => {
  it('is the per-event design\'s table: the batched objects are under the same projected day prefixes', () => {
    const tableOf = (found: typeof template) => {
      const [, table] = only(found, 'AWS::Glue::Table');
      return table.Properties;
    };
    expect(tableOf(template)).toEqual(tableOf(synthStack().template));
    const [, table] = only(template, 'AWS::Glue::Table');
    const input = table.Properties.TableInput as Record<string, any>;
    // Line-oriented text input (it inflates `.gz` by extension) and one JSON event a line.
    expect(input.StorageDescriptor).toMatchObject({
      InputFormat: 'org.apache.hadoop.mapred.TextInputFormat',
      SerdeInfo: { SerializationLibrary: 'org.openx.data.jsonserde.JsonSerDe' },
    });
    expect(input.Parameters['storage.location.template']).toEqual({ 'Fn::Join': ['', ['s3://', { Ref: rawId }, '/events/${dt}/']] });
  });
});

describe('stack outputs with the stream transport', () => {
  it('names the stream, the delivery stream and its logs', () => {
    const outputs = template.toJSON().Outputs as Record<string, { Value: unknown }>;
    expect(outputs.EventStreamName.Value).toEqual({ Ref: streamId });
    expect(outputs.DeliveryStreamName.Value).toEqual({ Ref: stack.getLogicalId(delivery.deliveryStream) });
    expect(outputs.DeliveryLogGroup.Value).toEqual({ Ref: idOf(delivery.logs) });
  });
});

describe('the per-event transport (no context)', () => {
  const perEvent = synthStack().template;
  it('has no stream, no Firehose and no output of theirs', () => {
    expect(perEvent.findResources('AWS::Kinesis::Stream')).toEqual({});
    expect(perEvent.findResources('AWS::KinesisFirehose::DeliveryStream')).toEqual({});
    expect(Object.keys(perEvent.toJSON().Outputs)).not.toContain('EventStreamName');
  });
});

describe('choosing the transport at synth', () => {
  const nodeWith = (context: Record<string, unknown>) => new App({ context }).node;

  it('is per-event by default and stream with -c transport=stream', () => {
    expect(transportOf(nodeWith({}))).toBe('per-event');
    expect(transportOf(nodeWith({ transport: 'stream' }))).toBe('stream');
  });

  it('refuses an unknown transport or shard count, saying what to give', () => {
    expect(() => transportOf(nodeWith({ transport: 'kinesis' }))).toThrow('context "transport" is "kinesis": use -c transport=per-event or -c transport=stream');
    expect(() => streamCapacityOf(nodeWith({ streamShards: '0' }))).toThrow(/"streamShards" is "0": give a whole number of shards/);
    expect(streamCapacityOf(nodeWith({ streamShards: '4' }))).toEqual({ mode: 'provisioned', shards: 4 });
    expect(streamCapacityOf(nodeWith({}))).toEqual({ mode: 'on-demand' });
  });
});
