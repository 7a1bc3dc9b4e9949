import { Match } from 'aws-cdk-lib/assertions';
import { CfnBucket } from 'aws-cdk-lib/aws-s3';
import { describe, expect, it } from 'vitest';
import { synthStack } from './stack';

const { stack, template } = synthStack();
const rawId = stack.getLogicalId(stack.raw.bucket.node.defaultChild as CfnBucket);
const raw = template.toJSON().Resources[rawId];

describe('raw events bucket', () => {
  it('blocks every kind of public access', () => {
    expect(raw.Properties.PublicAccessBlockConfiguration).toEqual({
      BlockPublicAcls: true,
      BlockPublicPolicy: true,
      IgnorePublicAcls: true,
      RestrictPublicBuckets: true,
    });
    expect(raw.Properties.OwnershipControls).toEqual({ Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] });
  });

  it('encrypts objects at rest with S3-managed keys', () => {
    expect(raw.Properties.BucketEncryption).toEqual({
      ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }],
    });
  });

  it('refuses any request that is not over TLS', () => {
    template.hasResourceProperties('AWS::S3::BucketPolicy', {
      Bucket: { Ref: rawId },
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Effect: 'Deny',
            Action: 's3:*',
            Principal: { AWS: '*' },
            Condition: { Bool: { 'aws:SecureTransport': 'false' } },
          }),
        ]),
      },
    });
  });

  it('grants nobody access through the bucket policy', () => {
    const policies = Object.values(template.findResources('AWS::S3::BucketPolicy', { Properties: { Bucket: { Ref: rawId } } }));
    expect(policies).toHaveLength(1);
    const statements = policies[0].Properties.PolicyDocument.Statement as { Effect: string }[];
    expect(statements.filter((statement) => statement.Effect === 'Allow')).toEqual([]);
  });

  it('keeps versions of overwritten objects for 90 days and survives stack deletion', () => {
    expect(raw.Properties.VersioningConfiguration).toEqual({ Status: 'Enabled' });
    expect(raw.DeletionPolicy).toBe('Retain');
    expect(raw.UpdateReplacePolicy).toBe('Retain');
  });

  it('moves objects to Standard-IA after 30 days', () => {
    expect(raw.Properties.LifecycleConfiguration.Rules).toEqual([
      {
        Id: 'infrequent-access-after-30-days',
        Status: 'Enabled',
        Transitions: [{ StorageClass: 'STANDARD_IA', TransitionInDays: 30 }],
        NoncurrentVersionExpiration: { NoncurrentDays: 90 },
        AbortIncompleteMultipartUpload: { DaysAfterInitiation: 7 },
      },
    ]);
  });
});
