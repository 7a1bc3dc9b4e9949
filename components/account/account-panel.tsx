'use client';
import { Authenticator } from '@aws-amplify/ui-react';
import '@aws-amplify/ui-react/styles.css';
import { signIn, type SignInInput } from 'aws-amplify/auth';
import Link from 'next/link';
import { configureAmplify } from '@/lib/auth/amplify';
import { cognitoSettings } from '@/lib/auth/config';
import styles from './account.module.css';

// cognito-local speaks only USER_PASSWORD_AUTH; real pools keep the default SRP flow.
const passwordSignIn = ((input: SignInInput) =>
  signIn({ ...input, options: { ...input.options, authFlowType: 'USER_PASSWORD_AUTH' } })) as typeof signIn;
const services = cognitoSettings?.authFlow === 'USER_PASSWORD_AUTH' ? { handleSignIn: passwordSignIn } : undefined;

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
