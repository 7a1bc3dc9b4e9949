// Cognito settings for the browser. NEXT_PUBLIC_* values are inlined at build time, so each is
// read by its literal name. With no pool configured the store runs for guests only.
export type AuthFlow = 'USER_SRP_AUTH' | 'USER_PASSWORD_AUTH';

export type CognitoSettings = {
  userPoolId: string;
  userPoolClientId: string;
  region: string;
  /** Set only for a local emulator such as cognito-local. */
  endpoint?: string;
  authFlow: AuthFlow;
};

function readSettings(): CognitoSettings | null {
  const userPoolId = process.env.NEXT_PUBLIC_COGNITO_USER_POOL_ID;
  const userPoolClientId = process.env.NEXT_PUBLIC_COGNITO_CLIENT_ID;
  if (!userPoolId || !userPoolClientId) return null;
  return {
    userPoolId,
    userPoolClientId,
    region: process.env.NEXT_PUBLIC_COGNITO_REGION || userPoolId.split('_')[0] || 'us-east-1',
    endpoint: process.env.NEXT_PUBLIC_COGNITO_ENDPOINT || undefined,
    authFlow: process.env.NEXT_PUBLIC_COGNITO_AUTH_FLOW === 'USER_PASSWORD_AUTH' ? 'USER_PASSWORD_AUTH' : 'USER_SRP_AUTH',
  };
}

export const cognitoSettings: CognitoSettings | null = readSettings();
