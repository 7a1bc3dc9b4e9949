import { describe, expect, it } from 'vitest';
import { only, synthStack } from './stack';

const { template } = synthStack();
const [poolId, pool] = only(template, 'AWS::Cognito::UserPool');
const [, client] = only(template, 'AWS::Cognito::UserPoolClient');
const poolProps = pool.Properties as Record<string, any>;
const clientProps = client.Properties as Record<string, any>;

describe('Cognito user pool for shoppers', () => {
  it('signs shoppers in with their email, which Cognito verifies', () => {
    expect(poolProps.UsernameAttributes).toEqual(['email']);
    expect(poolProps.AutoVerifiedAttributes).toEqual(['email']);
    expect(poolProps.Schema).toEqual([{ Name: 'email', Required: true, Mutable: true }]);
    expect(poolProps.AdminCreateUserConfig).toEqual({ AllowAdminCreateUserOnly: false });
    expect(poolProps.AccountRecoverySetting).toEqual({ RecoveryMechanisms: [{ Name: 'verified_email', Priority: 1 }] });
  });

  it('asks for a strong password', () => {
    expect(poolProps.Policies.PasswordPolicy).toMatchObject({ MinimumLength: 10, RequireUppercase: true, RequireLowercase: true, RequireNumbers: true });
  });

  it('keeps shopper accounts when the stack is deleted', () => {
    expect(pool.DeletionPolicy).toBe('Retain');
  });
});

describe('app client for the store', () => {
  it('belongs to the pool and allows the SRP and password flows, with refresh', () => {
    expect(clientProps.UserPoolId).toEqual({ Ref: poolId });
    expect([...clientProps.ExplicitAuthFlows].sort()).toEqual(['ALLOW_REFRESH_TOKEN_AUTH', 'ALLOW_USER_PASSWORD_AUTH', 'ALLOW_USER_SRP_AUTH']);
  });

  it('is a public browser client: no secret, no hosted-UI OAuth, no user enumeration', () => {
    expect(clientProps.GenerateSecret).toBe(false);
    expect(clientProps.AllowedOAuthFlows).toBeUndefined();
    expect(clientProps.CallbackURLs).toBeUndefined();
    expect(clientProps.PreventUserExistenceErrors).toBe('ENABLED');
  });
});
