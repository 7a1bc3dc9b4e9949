import { CfnRole } from 'aws-cdk-lib/aws-iam';
import { CfnBucket } from 'aws-cdk-lib/aws-s3';
import { describe, expect, it } from 'vitest';
import { synthStack } from './stack';

const { stack, template } = synthStack();
const roleId = stack.getLogicalId(stack.ingest.handler.role!.node.defaultChild as CfnRole);
const rawId = stack.getLogicalId(stack.raw.bucket.node.defaultChild as CfnBucket);
const objectsUnder = (prefix: string) => ({ 'Fn::Join': ['', [{ 'Fn::GetAtt': [rawId, 'Arn'] }, `/${prefix}`]] });

type Statement = { Effect: string; Action: string | string[]; Resource: unknown };
const actionsOf = (statement: Statement) => [statement.Action].flat();

// Every inline policy attached to the Lambda's role, wherever CDK put it.
const rolePolicies = Object.values(template.findResources('AWS::IAM::Policy')).filter((policy) =>
  (policy.Properties.Roles as unknown[]).some((role) => JSON.stringify(role) === JSON.stringify({ Ref: roleId })),
);
const statements: Statement[] = rolePolicies.flatMap((policy) => policy.Properties.PolicyDocument.Statement);

describe('the ingestion Lambda may only put objects under events/ and rejected/', () => {
  it('has exactly one statement: s3:PutObject on the two prefixes of the raw bucket', () => {
    expect(statements).toEqual([
      { Effect: 'Allow', Action: 's3:PutObject', Resource: [objectsUnder('events/*'), objectsUnder('rejected/*')] },
    ]);
  });

  it('gets nothing else in S3 from any policy in the stack', () => {
    const allStatements: Statement[] = Object.values(template.findResources('AWS::IAM::Policy')).flatMap(
      (policy) => policy.Properties.PolicyDocument.Statement,
    );
    const s3Actions = allStatements.flatMap(actionsOf).filter((action) => action.startsWith('s3:') || action === '*');
    expect(s3Actions).toEqual(['s3:PutObject']);
  });

  it('has only the basic logging managed policy, which grants no S3 access', () => {
    const role = template.toJSON().Resources[roleId];
    expect(role.Properties.ManagedPolicyArns).toEqual([
      { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':iam::aws:policy/service-role/AWSLambdaBasicExecutionRole']] },
    ]);
    expect(role.Properties.Policies).toBeUndefined();
    expect(role.Properties.AssumeRolePolicyDocument.Statement).toEqual([
      { Action: 'sts:AssumeRole', Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' } },
    ]);
  });

  it('is the only role in the stack', () => {
    expect(Object.keys(template.findResources('AWS::IAM::Role'))).toEqual([roleId]);
  });
});
