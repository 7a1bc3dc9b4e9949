// The signed-in shopper as the tracker sees it: the Cognito sub from aws-amplify, kept current
// through Hub auth events, and the ID token that lets the API verify it.
import { fetchAuthSession, getCurrentUser } from 'aws-amplify/auth';
import { Hub } from 'aws-amplify/utils';
import { configureAmplify } from '@/lib/auth/amplify';

export type ShopperChange = 'sign_in' | 'sign_out';

// Kept after sign-out too, so the shopper's last events still go out with proof of who they were.
let cached: { sub: string; token: string } | null = null;

const readSub = () => getCurrentUser().then((u) => u.userId, () => null);

/** Calls `onUser` with the current sub (or null), then on every sign-in and sign-out. */
export function watchShopper(onUser: (sub: string | null, change?: ShopperChange) => void): () => void {
  if (!configureAmplify()) {
    onUser(null);
    return () => {};
  }
  void readSub().then((sub) => onUser(sub));
  return Hub.listen('auth', ({ payload }) => {
    if (payload.event === 'signedIn') void readSub().then((sub) => onUser(sub, 'sign_in'));
    else if (payload.event === 'signedOut') onUser(null, 'sign_out');
  });
}

export async function tokenFor(sub: string | null): Promise<string | undefined> {
  if (!sub) return undefined;
  if (configureAmplify()) {
    try {
      const token = (await fetchAuthSession()).tokens?.idToken;
      if (token?.payload.sub === sub) cached = { sub, token: token.toString() };
    } catch {
      // Signed out or offline: fall back to the token we last saw for this user.
    }
  }
  return cachedTokenFor(sub);
}

export function cachedTokenFor(sub: string | null): string | undefined {
  return sub && cached?.sub === sub ? cached.token : undefined;
}
