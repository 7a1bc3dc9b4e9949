'use client';
import { Authenticator, ThemeProvider, type AuthenticatorProps } from '@aws-amplify/ui-react';
import '@aws-amplify/ui-react/styles.css';
import { signIn, type SignInInput } from 'aws-amplify/auth';
import { configureAmplify } from '@/lib/auth/amplify';
import { cognitoSettings } from '@/lib/auth/config';
import { storeAuthTheme } from './authenticator-theme';

// The flow comes from config: SRP for real pools, USER_PASSWORD_AUTH for cognito-local (its only flow).
const authFlowType = cognitoSettings?.authFlow;
const services = authFlowType
  ? {
      handleSignIn: ((input: SignInInput) =>
        signIn({ ...input, options: { ...input.options, authFlowType } })) as typeof signIn,
    }
  : undefined;

export type ThemedAuthenticatorProps = Pick<AuthenticatorProps, 'children' | 'components' | 'hideSignUp'> & {
  /** Shown instead when this build has no user pool configured. */
  notConfigured: React.ReactNode;
};

/**
 * Amplify's Authenticator in the store's theme, signing in by email with the configured flow.
 * `children` renders for a signed-in user, with `{ user, signOut }`. Used by /account and /insights.
 */
export function ThemedAuthenticator({ notConfigured, children, ...props }: ThemedAuthenticatorProps) {
  if (!configureAmplify()) return <>{notConfigured}</>;
  return (
    <ThemeProvider theme={storeAuthTheme}>
      <Authenticator loginMechanisms={['email']} services={services} {...props}>
        {children}
      </Authenticator>
    </ThemeProvider>
  );
}
