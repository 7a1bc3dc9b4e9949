import { CognitoJwtVerifier, JwtVerifier } from 'aws-jwt-verify';
import { validateCognitoJwtFields } from 'aws-jwt-verify/cognito-verifier';
import type { Fetcher } from 'aws-jwt-verify/https';
import { SimpleJwksCache } from 'aws-jwt-verify/jwk';
import { ConfigError, type CognitoConfig } from './config';
import { describeError, type Logger } from './log';
import type { TokenVerifier } from './verifier';

/**
 * Fetches the JWKS with the platform fetch, http included: aws-jwt-verify's own fetcher insists on
 * https, which the local Cognito emulator does not serve. Only the configured issuer's JWKS URL is
 * ever fetched, so this does not widen what a token can point us at.
 */
class PlainFetcher implements Fetcher {
  async fetch(uri: string): Promise<ArrayBuffer> {
    const response = await fetch(uri, { signal: AbortSignal.timeout(3000) });
    if (!response.ok) throw new Error(`JWKS fetch returned ${response.status}`);
    return response.arrayBuffer();
  }
}

export type TokenClaims = Record<string, unknown>;

/**
 * Verifies Cognito ID tokens (aud = client id) and access tokens (client_id claim) for one app
 * client: signature against the pool's JWKS, issuer, expiry, token_use and client. Real pools are
 * configured by id; an emulator by its issuer URL (its `local_...` pool ids are not valid Cognito ids).
 * Resolves to the token's claims, or null (logged) when it is not valid. Never throws.
 */
export function createCognitoClaimsVerifier(config: CognitoConfig, log: Logger): (token: string) => Promise<TokenClaims | null> {
  const { clientId, issuer, userPoolId } = config;
  if (!clientId) throw new ConfigError('CLICKSTREAM_COGNITO_CLIENT_ID is required when a Cognito pool or issuer is set');
  let verify: (token: string) => Promise<TokenClaims>;
  if (issuer) {
    const base = issuer.replace(/\/$/, '');
    const verifier = JwtVerifier.create(
      {
        issuer: base,
        audience: null,
        jwksUri: `${base}/.well-known/jwks.json`,
        customJwtCheck: ({ payload }) => validateCognitoJwtFields(payload, { tokenUse: null, clientId }),
      },
      { jwksCache: new SimpleJwksCache({ fetcher: new PlainFetcher() }) },
    );
    verify = (token) => verifier.verify(token);
  } else {
    const verifier = CognitoJwtVerifier.create({ userPoolId: userPoolId!, tokenUse: null, clientId });
    verify = (token) => verifier.verify(token);
  }
  return async (token) => {
    try {
      return await verify(token);
    } catch (cause) {
      log('warn', 'token not verified', describeError(cause));
      return null;
    }
  };
}

/** The ingestion's view of a token: its `sub`, when valid for our app client. */
export function createCognitoVerifier(config: CognitoConfig, log: Logger): TokenVerifier {
  const claimsOf = createCognitoClaimsVerifier(config, log);
  return {
    async verify(token) {
      const claims = await claimsOf(token);
      return typeof claims?.sub === 'string' ? claims.sub : null;
    },
  };
}
