'use client';
import Link from 'next/link';
import { useShopper } from '@/components/auth/use-shopper';
import { signOut } from '@/lib/auth/client';
import styles from './layout.module.css';

export function AccountStatus() {
  const shopper = useShopper();
  if (shopper) {
    return (
      <span className={styles.account}>
        <Link href="/account" className={styles.email}>
          {shopper.email}
        </Link>
        <button type="button" className={styles.linkButton} onClick={() => signOut().catch(() => {})}>
          Sign out
        </button>
      </span>
    );
  }
  // Shown while the page hydrates too, so the header does not shift for guests.
  return (
    <Link href="/account" className={styles.navLink} aria-busy={shopper === undefined}>
      Sign in
    </Link>
  );
}
