'use client';
import { useEffect, useSyncExternalStore } from 'react';
import { currentIdToken } from '@/lib/auth/client';
import { onAuthChange, storedSession } from '@/lib/auth/session';

export type Shopper = { email: string } | null;
/** undefined while the page hydrates, null for a guest. */
export type ShopperState = Shopper | undefined;

// The email alone is the snapshot: a string compares equal across reads, so React re-renders only on a change.
const readEmail = () => storedSession()?.email ?? null;
const onServer = () => undefined;

/** The signed-in shopper from Amplify's stored session, without loading Amplify. */
export function useShopper(): ShopperState {
  const email = useSyncExternalStore(onAuthChange, readEmail, onServer);
  useEffect(() => {
    // A session whose ID token ran out is renewed (or ends) through Amplify; the change is then reported.
    if (storedSession()?.expired) void currentIdToken();
  }, [email]);
  return email === undefined ? undefined : email === null ? null : { email };
}
