// The current Cognito ID token for API calls (the clickstream tracker, the insights pages). A
// fresh token comes straight from storage; only an expired one loads Amplify to refresh it.
import { storedSession } from './session';

/** The signed-in user's ID token, refreshed if it had run out; null for a guest or a session that cannot be renewed. */
export async function currentIdToken(): Promise<string | null> {
  const session = storedSession();
  if (!session) return null;
  if (!session.expired) return session.idToken;
  const { refreshedIdToken } = await import('./amplify');
  return refreshedIdToken();
}

/** Signs out through Amplify, loading it if this page has not yet. */
export async function signOut(): Promise<void> {
  const { signOutShopper } = await import('./amplify');
  await signOutShopper();
}
