'use client';
import { Authenticator } from '@aws-amplify/ui-react';
import '@aws-amplify/ui-react/styles.css';
import { signIn, type SignInInput } from 'aws-amplify/auth';
import Link from 'next/link';
import { configureAmplify } from '@/lib/auth/amplify';
import { cognitoSettings } from '@/lib/auth/config';
import styles from './account.module.css';

// The flow comes from config: SRP for real pools, USER_PASSWORD_AUTH for cognito-local (its only flow).
const authFlowType = cognitoSettings?.authFlow;
const services = authFlowType
  ? {
      handleSignIn: ((input: SignInInput) =>
        signIn({ ...input, options: { ...input.options, authFlowType } })) as typeof signIn,
    }
  : undefined;

export function AccountPanel() {
  if (!configureAmplify()) {
    return (
      <p className={styles.note}>
        Sign-in is not configured for this store. You can still shop and check out as a guest.
      </p>
    );
  }
  return (
    <Authenticator loginMechanisms={['email']} services={services} hideSignUp={false}>
      {/* Signing out is the header's job, so there is one "Sign out" control on the page. */}
      {({ user }) => (
        <div className={styles.signedIn}>
          <p>
            You are signed in as <strong>{user?.signInDetails?.loginId ?? user?.username}</strong>.
          </p>
          <div className={styles.actions}>
            <Link href="/" className="button button-primary">
              Continue shopping
            </Link>
          </div>
        </div>
      )}
    </Authenticator>
  );
}
