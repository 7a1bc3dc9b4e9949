'use client';
import Link from 'next/link';
import { ThemedAuthenticator } from './themed-authenticator';
import styles from './account.module.css';

export function AccountPanel() {
  return (
    <ThemedAuthenticator
      notConfigured={<p className={styles.note}>Sign-in is not configured for this store. You can still shop and check out as a guest.</p>}
      components={{ SignIn: { Header: () => <p className={styles.intro}>Sign in to see your details. Guests can shop and check out without an account.</p> } }}
    >
      {({ user, signOut }) => (
        <div className={styles.signedIn}>
          <p>
            You are signed in as <strong>{user?.signInDetails?.loginId ?? user?.username}</strong>.
          </p>
          <div className={styles.actions}>
            <Link href="/" className="button button-primary">
              Continue shopping
            </Link>
            <button type="button" className="button" onClick={signOut}>
              Sign out
            </button>
          </div>
        </div>
      )}
    </ThemedAuthenticator>
  );
}
