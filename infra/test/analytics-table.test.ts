import { CfnBucket } from 'aws-cdk-lib/aws-s3';
import { describe, expect, it } from 'vitest';
import { storedEventSchema } from '../../lib/contract/events';
import { only, synthStack } from './stack';

const { stack, template } = synthStack();
const [databaseId, database] = only(template, 'AWS::Glue::Database');
const [, table] = only(template, 'AWS::Glue::Table');
const input = (table.Properties as Record<string, any>).TableInput;
const rawId = stack.getLogicalId(stack.raw.bucket.node.defaultChild as CfnBucket);
const eventsUrl = (suffix: string) => ({ 'Fn::Join': ['', ['s3://', { Ref: rawId }, `/events/${suffix}`]] });
const columns = input.StorageDescriptor.Columns as { Name: string; Type: string }[];
const typeOf = (name: string) => columns.find((column) => column.Name === name)?.Type;

describe('Glue table over events/', () => {
  it('lives in its own database', () => {
    expect((database.Properties as Record<string, any>).DatabaseInput.Name).toBe('lumen_clickstream');
    expect(table.Properties).toMatchObject({ DatabaseName: 'lumen_clickstream' });
    expect(input.Name).toBe('clickstream_events');
    expect((table as { DependsOn?: string[] }).DependsOn).toContain(databaseId);
  });

  it('has one column per stored-event field of the contract, in order', () => {
    expect(columns.map((column) => column.Name)).toEqual(Object.keys(storedEventSchema.shape));
  });

  it('types the columns as the contract does, with the cart as a struct', () => {
    expect(typeOf('cart')).toBe(
      'struct<items:array<struct<product_id:string,quantity:int,unit_price:double>>,item_count:int,value:double,currency:string>',
    );
    expect(typeOf('is_first_visit')).toBe('boolean');
    expect(typeOf('identity_verified')).toBe('boolean');
    expect(typeOf('screen_width')).toBe('int');
    expect(typeOf('quantity')).toBe('int');
    expect(typeOf('result_count')).toBe('int');
    expect(typeOf('schema_version')).toBe('int');
    expect(typeOf('context_product_price')).toBe('double');
    expect(typeOf('context_product_discount_price')).toBe('double');
    expect(typeOf('user_id')).toBe('string');
    expect(typeOf('client_timestamp')).toBe('string');
    expect(typeOf('event_timestamp')).toBe('string');
  });

  it('reads one JSON object per file from events/ of the raw bucket', () => {
    expect(input.TableType).toBe('EXTERNAL_TABLE');
    expect(input.StorageDescriptor).toMatchObject({
      Location: eventsUrl(''),
      InputFormat: 'org.apache.hadoop.mapred.TextInputFormat',
      OutputFormat: 'org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat',
      SerdeInfo: { SerializationLibrary: 'org.openx.data.jsonserde.JsonSerDe' },
    });
  });

  it('projects daily partitions from the yyyy/MM/dd key layout', () => {
    expect(input.PartitionKeys).toEqual([{ Name: 'dt', Type: 'string', Comment: 'UTC date of receipt, yyyy/MM/dd' }]);
    expect(input.Parameters).toEqual({
      classification: 'json',
      'projection.enabled': 'true',
      'projection.dt.type': 'date',
      'projection.dt.format': 'yyyy/MM/dd',
      'projection.dt.range': '2026/01/01,NOW',
      'projection.dt.interval': '1',
      'projection.dt.interval.unit': 'DAYS',
      'storage.location.template': eventsUrl('${dt}/'),
    });
  });
});

describe('Athena workgroup', () => {
  it('writes query results, encrypted, to its own expiring bucket', () => {
    const [, workGroup] = only(template, 'AWS::Athena::WorkGroup');
    const resultsId = stack.getLogicalId(stack.analytics.resultsBucket.node.defaultChild as CfnBucket);
    expect((workGroup.Properties as Record<string, any>).WorkGroupConfiguration).toMatchObject({
      EnforceWorkGroupConfiguration: true,
      ResultConfiguration: {
        OutputLocation: { 'Fn::Join': ['', ['s3://', { Ref: resultsId }, '/results/']] },
        EncryptionConfiguration: { EncryptionOption: 'SSE_S3' },
      },
    });
    const results = template.toJSON().Resources[resultsId].Properties;
    expect(results.LifecycleConfiguration.Rules).toEqual([{ Id: 'expire-query-results', Status: 'Enabled', ExpirationInDays: 30 }]);
    expect(results.PublicAccessBlockConfiguration.RestrictPublicBuckets).toBe(true);
  });
});
