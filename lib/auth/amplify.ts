import { Amplify } from 'aws-amplify';
import { cognitoSettings } from './config';

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
  configured = true;
  return true;
}
