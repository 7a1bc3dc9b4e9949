// The signed-in session as Amplify left it in localStorage, read without loading Amplify: pages
// that never sign anyone in learn who is signed in (and get the ID token) from storage alone.
// Amplify v6 keeps its tokens under `CognitoIdentityServiceProvider.<clientId>.<username>.<kind>`,
// with `LastAuthUser` naming the user (its default token storage, which this store does not change).
import { cognitoSettings } from './config';

export type StoredSession = {
  /** The Cognito user's sub. */
  sub: string;
  email: string;
  /** The ID token, as the API expects it in `Authorization: Bearer`. */
  idToken: string;
  /** True when the ID token has run out (or is about to): Amplify must refresh it first. */
  expired: boolean;
};

export type AuthChange = 'signedIn' | 'signedOut' | 'tokenRefresh';

const PREFIX = 'CognitoIdentityServiceProvider.';
// Amplify's own margin: a token this close to its end is treated as expired.
const TOLERANCE_MS = 5_000;

function item(key: string): string | null {
  try {
    return localStorage.getItem(key);
  } catch {
    return null;
  }
}

function payloadOf(jwt: string): Record<string, unknown> | null {
  try {
    const part = jwt.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
    const bytes = Uint8Array.from(atob(part), (c) => c.charCodeAt(0));
    return JSON.parse(new TextDecoder().decode(bytes));
  } catch {
    return null;
  }
}

/** Who is signed in in this browser, from storage; null for a guest or when sign-in is not configured. */
export function storedSession(now = Date.now()): StoredSession | null {
  if (!cognitoSettings || typeof window === 'undefined') return null;
  const base = PREFIX + cognitoSettings.userPoolClientId;
  const username = item(`${base}.LastAuthUser`);
  const keys = `${base}.${username}`;
  const idToken = username && item(`${keys}.idToken`);
  // No refresh token, no session: Amplify removes it on sign-out.
  if (!idToken || !item(`${keys}.refreshToken`)) return null;
  const claims = payloadOf(idToken);
  if (typeof claims?.sub !== 'string' || typeof claims.exp !== 'number') return null;
  const drift = Number(item(`${keys}.clockDrift`)) || 0;
  const email = typeof claims.email === 'string' ? claims.email : username;
  return { sub: claims.sub, email, idToken, expired: now + drift + TOLERANCE_MS > claims.exp * 1000 };
}

const listeners = new Set<(change: AuthChange) => void>();
// Once Amplify is loaded in this tab its Hub reports every change, other tabs' included.
let hubReports = false;

/** Reports sign-in, sign-out and token refreshes: in this tab through Amplify's Hub, from other tabs through storage. */
export function onAuthChange(listener: (change: AuthChange) => void): () => void {
  const fromOtherTab = (e: StorageEvent) => {
    // The refresh token comes with a sign-in and goes with a sign-out, as Amplify's own cross-tab check has it.
    if (hubReports || !e.key?.startsWith(PREFIX) || !e.key.endsWith('.refreshToken') || !e.newValue === !e.oldValue) return;
    listener(e.newValue ? 'signedIn' : 'signedOut');
  };
  listeners.add(listener);
  addEventListener('storage', fromOtherTab);
  return () => {
    listeners.delete(listener);
    removeEventListener('storage', fromOtherTab);
  };
}

/** For lib/auth/amplify.ts: hands Amplify's Hub a reporter, which from then on replaces the storage events. */
export function reportFromHub(listen: (report: (change: AuthChange) => void) => void): void {
  hubReports = true;
  listen((change) => listeners.forEach((listener) => listener(change)));
}
