'use client';
import { ThemedAuthenticator } from '@/components/account/themed-authenticator';
import { Dashboard } from './dashboard';
import styles from './insights.module.css';

/** Signed out: the store's sign-in form. Signed in: the reports, or why this account cannot see them. */
export function InsightsApp() {
  return (
    <ThemedAuthenticator
      hideSignUp
      notConfigured={<p className={styles.note}>Sign-in is not configured for this store, so the insights cannot be shown.</p>}
      components={{ SignIn: { Header: () => <p className={styles.intro}>Sign in with an analyst account to see the store&apos;s insights.</p> } }}
    >
      {({ user, signOut }) => <Dashboard account={user?.signInDetails?.loginId ?? user?.username ?? ''} signOut={signOut} />}
    </ThemedAuthenticator>
  );
}
