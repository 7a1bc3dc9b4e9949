// The signed-in shopper as the tracker sees it: the Cognito sub and ID token that Amplify keeps in
// storage, read without loading Amplify, kept current through the store's auth changes.
import { currentIdToken } from '@/lib/auth/client';
import { onAuthChange, storedSession } from '@/lib/auth/session';

export type ShopperChange = 'sign_in' | 'sign_out';

// Kept after sign-out too, so the shopper's last events still go out with proof of who they were.
let cached: { sub: string; token: string } | null = null;

/** The signed-in sub, remembering a still valid token for it. */
function signedIn(): string | null {
  const session = storedSession();
  if (session && !session.expired) cached = { sub: session.sub, token: session.idToken };
  return session?.sub ?? null;
}

/** Calls `onUser` with the current sub (or null) at once, then on every sign-in and sign-out. */
export function watchShopper(onUser: (sub: string | null, change?: ShopperChange) => void): () => void {
  onUser(signedIn());
  return onAuthChange((change) => {
    if (change === 'signedIn') onUser(signedIn(), 'sign_in');
    else if (change === 'signedOut') onUser(null, 'sign_out');
  });
}

export async function tokenFor(sub: string | null): Promise<string | undefined> {
  if (!sub) return undefined;
  const token = await currentIdToken();
  // Only a token of this batch's user vouches for it: the shopper may have signed out since.
  if (token && storedSession()?.sub === sub) cached = { sub, token };
  return cachedTokenFor(sub);
}

export function cachedTokenFor(sub: string | null): string | undefined {
  return sub && cached?.sub === sub ? cached.token : undefined;
}
