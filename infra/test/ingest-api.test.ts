import { readFileSync } from 'node:fs';
import type { CfnResource } from 'aws-cdk-lib';
import { join } from 'node:path';
import { CfnApi, CfnStage } from 'aws-cdk-lib/aws-apigatewayv2';
import { CfnLogGroup } from 'aws-cdk-lib/aws-logs';
import { CfnUserPool, CfnUserPoolClient } from 'aws-cdk-lib/aws-cognito';
import { describe, expect, it } from 'vitest';
import { DEFAULT_LAMBDA_DIR } from '../lib/lambda-code';
import { only, synthStack } from './stack';

const { stack, template } = synthStack();
const resources = template.toJSON().Resources;
const idOf = (construct: { node: { defaultChild?: unknown } }) => stack.getLogicalId(construct.node.defaultChild as CfnResource);
const [functionId, fn] = only(template, 'AWS::Lambda::Function');
const apiId = idOf(stack.ingest.api);
const api = resources[apiId].Properties as CfnApi & Record<string, any>;

describe('ingestion Lambda', () => {
  it('runs the project handler on Node.js 20 or newer', () => {
    const props = fn.Properties as Record<string, any>;
    expect(props.Handler).toBe('index.handler');
    const [, major] = /^nodejs(\d+)\.x$/.exec(props.Runtime) ?? [];
    expect(Number(major)).toBeGreaterThanOrEqual(20);
    // The asset is the folder the root build writes, so `index.handler` resolves to its export.
    expect(readFileSync(join(DEFAULT_LAMBDA_DIR, 'index.mjs'), 'utf8')).toMatch(/export\s*\{[^}]*\bhandler\b/);
  });

  it('is configured with the bucket, the store origins and the user pool it verifies tokens against', () => {
    expect((fn.Properties as Record<string, any>).Environment.Variables).toEqual({
      CLICKSTREAM_S3_BUCKET: { Ref: idOf(stack.raw.bucket) },
      CLICKSTREAM_ALLOWED_ORIGINS: { 'Fn::Join': [',', { Ref: 'AllowedOrigins' }] },
      CLICKSTREAM_COGNITO_USER_POOL_ID: { Ref: stack.getLogicalId(stack.auth.userPool.node.defaultChild as CfnUserPool) },
      CLICKSTREAM_COGNITO_CLIENT_ID: { Ref: stack.getLogicalId(stack.auth.client.node.defaultChild as CfnUserPoolClient) },
    });
  });

  it('logs to a group kept for 30 days', () => {
    const logGroupId = (fn.Properties as Record<string, any>).LoggingConfig.LogGroup.Ref;
    expect(resources[logGroupId]).toMatchObject({ Type: 'AWS::Logs::LogGroup', Properties: { RetentionInDays: 30 } });
  });

  it('takes the allowed origins as a required stack parameter', () => {
    const parameter = template.toJSON().Parameters.AllowedOrigins;
    expect(parameter.Type).toBe('CommaDelimitedList');
    expect(parameter.Default).toBeUndefined();
  });
});

describe('HTTP API', () => {
  it('routes POST /clickstream, and only that, to the Lambda with payload format 2.0', () => {
    const routes = Object.values(template.findResources('AWS::ApiGatewayV2::Route'));
    expect(routes.map((route) => route.Properties.RouteKey)).toEqual(['POST /clickstream']);
    const integrationId = (routes[0].Properties.Target['Fn::Join'][1] as unknown[])[1] as { Ref: string };
    expect(resources[integrationId.Ref].Properties).toMatchObject({
      ApiId: { Ref: apiId },
      IntegrationType: 'AWS_PROXY',
      IntegrationUri: { 'Fn::GetAtt': [functionId, 'Arn'] },
      PayloadFormatVersion: '2.0',
    });
  });

  it('answers CORS preflight for the store origins from the parameter (POST events, GET insights)', () => {
    expect(api.ProtocolType).toBe('HTTP');
    expect(api.CorsConfiguration).toEqual({
      AllowOrigins: { Ref: 'AllowedOrigins' },
      AllowMethods: ['GET', 'POST', 'OPTIONS'],
      AllowHeaders: ['content-type', 'authorization'],
      ExposeHeaders: ['retry-after'],
      MaxAge: 3600,
    });
  });

  it('throttles the default stage with the rate and burst parameters', () => {
    const [, stage] = only(template, 'AWS::ApiGatewayV2::Stage');
    const props = stage.Properties as CfnStage & Record<string, any>;
    expect(props).toMatchObject({ ApiId: { Ref: apiId }, StageName: '$default', AutoDeploy: true });
    expect(props.DefaultRouteSettings).toEqual({
      ThrottlingRateLimit: { Ref: 'ThrottleRateLimit' },
      ThrottlingBurstLimit: { Ref: 'ThrottleBurstLimit' },
    });
    const parameters = template.toJSON().Parameters;
    expect([parameters.ThrottleRateLimit.Default, parameters.ThrottleBurstLimit.Default]).toEqual([200, 400]);
  });

  it('writes JSON access logs to their own CloudWatch log group', () => {
    const [, stage] = only(template, 'AWS::ApiGatewayV2::Stage');
    const settings = (stage.Properties as Record<string, any>).AccessLogSettings;
    const logGroupId = stack.getLogicalId(stack.ingest.accessLogs.node.defaultChild as CfnLogGroup);
    expect(settings.DestinationArn).toEqual({ 'Fn::GetAtt': [logGroupId, 'Arn'] });
    const format = JSON.parse(settings.Format);
    expect(format).toMatchObject({ requestId: '$context.requestId', status: '$context.status', routeKey: '$context.routeKey' });
    expect(resources[logGroupId].Properties.RetentionInDays).toBe(14);
  });
});
