import { CfnResource } from 'aws-cdk-lib';
import { describe, expect, it } from 'vitest';
import { synthStack } from './stack';

const { stack, template } = synthStack();
const outputs = template.toJSON().Outputs as Record<string, { Value: unknown }>;
const ref = (construct: { node: { defaultChild?: unknown } }) => ({ Ref: stack.getLogicalId(construct.node.defaultChild as CfnResource) });

describe('stack outputs: what the store and the analysts need', () => {
  it('gives the API URL and the tracker endpoint under it', () => {
    const apiEndpoint = { 'Fn::GetAtt': [ref(stack.ingest.api).Ref, 'ApiEndpoint'] };
    expect(outputs.ApiUrl.Value).toEqual(apiEndpoint);
    expect(outputs.ClickstreamEndpoint.Value).toEqual({ 'Fn::Join': ['', [apiEndpoint, '/clickstream']] });
  });

  it('gives the bucket, user pool, app client and region', () => {
    expect(outputs.BucketName.Value).toEqual(ref(stack.raw.bucket));
    expect(outputs.UserPoolId.Value).toEqual(ref(stack.auth.userPool));
    expect(outputs.UserPoolClientId.Value).toEqual(ref(stack.auth.client));
    expect(outputs.Region.Value).toEqual({ Ref: 'AWS::Region' });
  });

  it('names the Athena workgroup and table for the queries in the deploy guide', () => {
    expect(outputs.AthenaWorkGroup.Value).toEqual({ Ref: stack.getLogicalId(stack.analytics.workGroup) });
    expect(outputs.AthenaTable.Value).toBe('lumen_clickstream.clickstream_events');
  });

  it('names the log groups of the Lambda and of the API access logs', () => {
    expect(outputs.HandlerLogGroup.Value).toEqual(ref(stack.ingest.handlerLogs));
    expect(outputs.AccessLogGroup.Value).toEqual(ref(stack.ingest.accessLogs));
  });
});
