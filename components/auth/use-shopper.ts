'use client';
import { useEffect, useState } from 'react';
import { fetchUserAttributes, getCurrentUser } from 'aws-amplify/auth';
import { Hub } from 'aws-amplify/utils';
import { configureAmplify } from '@/lib/auth/amplify';

export type Shopper = { email: string } | null;
/** undefined while the session is being read, null for a guest. */
export type ShopperState = Shopper | undefined;

async function readShopper(): Promise<Shopper> {
  try {
    const user = await getCurrentUser();
    const fallback = user.signInDetails?.loginId ?? user.username;
    try {
      const attributes = await fetchUserAttributes();
      return { email: attributes.email ?? fallback };
    } catch {
      return { email: fallback };
    }
  } catch {
    return null;
  }
}

export function useShopper(): ShopperState {
  const [shopper, setShopper] = useState<ShopperState>(undefined);
  useEffect(() => {
    if (!configureAmplify()) {
      // Nothing to read when sign-in is not configured: the shopper is a guest.
      queueMicrotask(() => setShopper(null));
      return;
    }
    let live = true;
    const refresh = () => readShopper().then((s) => live && setShopper(s));
    refresh();
    const stop = Hub.listen('auth', ({ payload }) => {
      if (payload.event === 'signedIn' || payload.event === 'signedOut' || payload.event === 'tokenRefresh') refresh();
    });
    return () => {
      live = false;
      stop();
    };
  }, []);
  return shopper;
}
