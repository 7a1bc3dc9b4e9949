// Amplify itself: loaded by the pages that sign in (/account, /insights) and on demand elsewhere
// (a sign-out, an ID token to refresh) through lib/auth/id-token.ts, never on a page's critical path.
import { Amplify } from 'aws-amplify';
import { fetchAuthSession, signOut } from 'aws-amplify/auth';
import { Hub } from 'aws-amplify/utils';
import { cognitoSettings } from './config';
import { reportFromHub } from './session';

let configured = false;

/** Configures Amplify once for this browser tab; false when no user pool is set up. */
export function configureAmplify(): boolean {
  if (!cognitoSettings) return false;
  if (configured) return true;
  Amplify.configure({
    Auth: {
      Cognito: {
        userPoolId: cognitoSettings.userPoolId,
        userPoolClientId: cognitoSettings.userPoolClientId,
        // Only set for the local emulator; real pools are reached through the region's endpoint.
        ...(cognitoSettings.endpoint ? { userPoolEndpoint: cognitoSettings.endpoint } : {}),
        loginWith: { email: true },
      },
    },
  });
  // Any other auth event (a refresh that failed and ended the session, say) may change the stored session too.
  reportFromHub((report) =>
    Hub.listen('auth', ({ payload: { event } }) => {
      report(event === 'signedIn' || event === 'signedOut' ? event : 'tokenRefresh');
    }),
  );
  configured = true;
  return true;
}

/** A fresh ID token (Amplify refreshes an expired one), or null when nobody is signed in. */
export async function refreshedIdToken(): Promise<string | null> {
  if (!configureAmplify()) return null;
  try {
    return (await fetchAuthSession()).tokens?.idToken?.toString() ?? null;
  } catch {
    return null;
  }
}

export async function signOutShopper(): Promise<void> {
  if (configureAmplify()) await signOut();
}
