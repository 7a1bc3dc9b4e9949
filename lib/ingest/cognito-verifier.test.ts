import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { SignJWT, exportJWK, generateKeyPair, type JWK } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_POOL, DEMO_SHOPPER } from '../../scripts/cognito-seed.mjs';
import { createCognitoVerifier } from './cognito-verifier';
import { createIngestHandler } from './core';
import { DEFAULT_LIMITS } from './limits';
import { silentLogger } from './log';
import { MemorySink, ingestRequest, signedIn } from './test-fixtures';
import { cognitoLocalTokens, startCognitoLocal, type RunningServer } from './test-servers';

const CLIENT_ID = 'lumenclient123';
const SUB = 'a1b2c3d4-0000-4000-8000-000000000001';
type Key = Awaited<ReturnType<typeof generateKeyPair>>['privateKey'];

describe('Cognito token verification with keys made in the test', () => {
  let jwksServer: http.Server;
  let issuer: string;
  let signingKey: Key;
  let strangerKey: Key;
  let jwksRequests = 0;

  beforeAll(async () => {
    const pair = await generateKeyPair('RS256');
    signingKey = pair.privateKey;
    strangerKey = (await generateKeyPair('RS256')).privateKey;
    const jwk: JWK = { ...(await exportJWK(pair.publicKey)), kid: 'test-key', alg: 'RS256', use: 'sig' };
    jwksServer = http.createServer((request, response) => {
      jwksRequests += 1;
      if (request.url !== '/eu-west-1_TestPool/.well-known/jwks.json') return void response.writeHead(404).end();
      response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys: [jwk] }));
    });
    await new Promise<void>((resolve) => jwksServer.listen(0, '127.0.0.1', resolve));
    issuer = `http://127.0.0.1:${(jwksServer.address() as AddressInfo).port}/eu-west-1_TestPool`;
  });
  afterAll(() => new Promise((resolve) => jwksServer.close(resolve)));

  type TokenOptions = { key?: Key; claims?: Record<string, unknown>; iss?: string; exp?: number | string; kid?: string };
  function token({ key = signingKey, claims = {}, iss = issuer, exp = '1h', kid = 'test-key' }: TokenOptions = {}) {
    return new SignJWT({ token_use: 'id', aud: CLIENT_ID, ...claims })
      .setProtectedHeader({ alg: 'RS256', kid })
      .setSubject(SUB)
      .setIssuer(iss)
      .setIssuedAt()
      .setExpirationTime(exp)
      .sign(key);
  }
  const verifier = () => createCognitoVerifier({ issuer, clientId: CLIENT_ID, userPoolId: undefined }, silentLogger);

  it('accepts an ID token for our client and an access token carrying our client_id', async () => {
    const v = verifier();
    expect(await v.verify(await token())).toBe(SUB);
    expect(await v.verify(await token({ claims: { token_use: 'access', aud: undefined, client_id: CLIENT_ID } }))).toBe(SUB);
    expect(jwksRequests).toBeGreaterThan(0);
  });

  it.each<[string, () => Promise<string>]>([
    ['an expired token', () => token({ exp: Math.floor(Date.now() / 1000) - 60 })],
    ['a token signed by another key under our kid', () => token({ key: strangerKey })],
    ['a token from another issuer', () => token({ iss: 'http://127.0.0.1:1/eu-west-1_Other' })],
    ['an ID token for another client', () => token({ claims: { aud: 'someone-else' } })],
    ['an access token for another client', () => token({ claims: { token_use: 'access', aud: undefined, client_id: 'someone-else' } })],
    ['a token with an unknown kid', () => token({ kid: 'other-key' })],
    ['a token with an unexpected token_use', () => token({ claims: { token_use: 'refresh' } })],
    ['an unsigned token', async () => `${Buffer.from('{"alg":"none","typ":"JWT"}').toString('base64url')}.${Buffer.from(JSON.stringify({ sub: SUB, iss: issuer, aud: CLIENT_ID, token_use: 'id', exp: 9e9 })).toString('base64url')}.`],
    ['garbage', async () => 'not.a.jwt'],
  ])('refuses %s', async (_name, make) => {
    expect(await verifier().verify(await make())).toBeNull();
  });

  it('refuses to verify, without throwing, when the JWKS cannot be fetched', async () => {
    const v = createCognitoVerifier({ issuer: 'http://127.0.0.1:1/eu-west-1_Down', clientId: CLIENT_ID, userPoolId: undefined }, silentLogger);
    expect(await v.verify(await token({ iss: 'http://127.0.0.1:1/eu-west-1_Down' }))).toBeNull();
  });

  it('requires the client id', () => {
    expect(() => createCognitoVerifier({ issuer, clientId: undefined, userPoolId: undefined }, silentLogger)).toThrow(/CLICKSTREAM_COGNITO_CLIENT_ID/);
  });
});

describe('Cognito token verification against cognito-local', () => {
  let cognito: RunningServer;
  beforeAll(async () => {
    cognito = await startCognitoLocal();
  }, 30_000);
  afterAll(() => cognito?.stop());

  const signIn = () => cognitoLocalTokens(cognito.endpoint, DEMO_POOL.clientId, DEMO_SHOPPER);

  it('verifies the emulator ID and access tokens as the demo shopper, and marks their events verified', async () => {
    const { IdToken, AccessToken } = await signIn();
    const verifier = createCognitoVerifier({ issuer: `${cognito.endpoint}/${DEMO_POOL.userPoolId}`, clientId: DEMO_POOL.clientId, userPoolId: undefined }, silentLogger);
    expect(await verifier.verify(IdToken)).toBe(DEMO_SHOPPER.sub);
    expect(await verifier.verify(AccessToken)).toBe(DEMO_SHOPPER.sub);

    // A token whose payload was edited (another sub) no longer matches its signature.
    const [header, payload, signature] = IdToken.split('.');
    const edited = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(payload, 'base64url').toString()), sub: SUB })).toString('base64url');
    expect(await verifier.verify(`${header}.${edited}.${signature}`)).toBeNull();

    // Another app client of the same pool is foreign.
    const foreign = createCognitoVerifier({ issuer: `${cognito.endpoint}/${DEMO_POOL.userPoolId}`, clientId: 'another-client', userPoolId: undefined }, silentLogger);
    expect(await foreign.verify(IdToken)).toBeNull();

    const sink = new MemorySink();
    const handle = createIngestHandler({ sink, verifier, allowedOrigins: [], limits: DEFAULT_LIMITS, log: silentLogger });
    const event = signedIn(DEMO_SHOPPER.sub);
    const response = await handle(ingestRequest(JSON.stringify({ events: [event] }), { headers: { authorization: `Bearer ${IdToken}` } }));
    expect(response.status).toBe(202);
    expect(sink.json(sink.keys('events/')[0])).toMatchObject({ user_id: DEMO_SHOPPER.sub, identity_verified: true });
  });
});
