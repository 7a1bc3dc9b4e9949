// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

const CLIENT = 'client123';
const SUB = '5f1c8a3e-2b7d-4e9a-9c61-0d4b7e2a9f10';
const base = `CognitoIdentityServiceProvider.${CLIENT}`;

const b64url = (o: object) => btoa(JSON.stringify(o)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
const jwt = (claims: object) => `${b64url({ alg: 'RS256' })}.${b64url(claims)}.signature`;

/** Leaves storage as Amplify v6 does after a sign-in: LastAuthUser names the user whose tokens follow. */
function storeAmplifySession(claims: object, username = SUB) {
  localStorage.setItem(`${base}.LastAuthUser`, username);
  localStorage.setItem(`${base}.${username}.idToken`, jwt(claims));
  localStorage.setItem(`${base}.${username}.accessToken`, jwt({ sub: SUB }));
  localStorage.setItem(`${base}.${username}.refreshToken`, 'refresh');
}

async function load(env: Record<string, string> = { NEXT_PUBLIC_COGNITO_USER_POOL_ID: 'local_Pool', NEXT_PUBLIC_COGNITO_CLIENT_ID: CLIENT }) {
  for (const [k, v] of Object.entries(env)) vi.stubEnv(k, v);
  return import('./session');
}

beforeEach(() => {
  vi.resetModules();
  localStorage.clear();
});
afterEach(() => vi.unstubAllEnvs());

describe('storedSession', () => {
  const now = Date.UTC(2026, 0, 1);
  const exp = now / 1000 + 3600;

  it('reads the sub, email and ID token Amplify stored, without Amplify', async () => {
    const { storedSession } = await load();
    storeAmplifySession({ sub: SUB, email: 'ada@example.com', exp });
    expect(storedSession(now)).toEqual({ sub: SUB, email: 'ada@example.com', idToken: localStorage.getItem(`${base}.${SUB}.idToken`), expired: false });
  });

  it('says when the token has run out, counting the clock drift Amplify measured', async () => {
    const { storedSession } = await load();
    storeAmplifySession({ sub: SUB, email: 'ada@example.com', exp });
    expect(storedSession(now + 3600_000)?.expired).toBe(true);
    localStorage.setItem(`${base}.${SUB}.clockDrift`, String(3600_000));
    expect(storedSession(now)?.expired).toBe(true);
  });

  it('is null for a guest, after a sign-out, for another app client and without a pool', async () => {
    const { storedSession } = await load();
    expect(storedSession(now)).toBeNull();
    storeAmplifySession({ sub: SUB, email: 'ada@example.com', exp });
    localStorage.removeItem(`${base}.${SUB}.refreshToken`);
    expect(storedSession(now)).toBeNull();
    vi.resetModules();
    storeAmplifySession({ sub: SUB, email: 'ada@example.com', exp });
    expect((await load({ NEXT_PUBLIC_COGNITO_USER_POOL_ID: 'local_Pool', NEXT_PUBLIC_COGNITO_CLIENT_ID: 'other' })).storedSession(now)).toBeNull();
    vi.resetModules();
    expect((await load({ NEXT_PUBLIC_COGNITO_USER_POOL_ID: '', NEXT_PUBLIC_COGNITO_CLIENT_ID: '' })).storedSession(now)).toBeNull();
  });

  it('ignores a token it cannot read', async () => {
    const { storedSession } = await load();
    storeAmplifySession({ sub: SUB, exp });
    localStorage.setItem(`${base}.${SUB}.idToken`, 'not-a-jwt');
    expect(storedSession(now)).toBeNull();
  });
});

describe('onAuthChange', () => {
  const storage = (key: string, oldValue: string | null, newValue: string | null) =>
    dispatchEvent(new StorageEvent('storage', { key, oldValue, newValue }));

  it("reports another tab's sign-in and sign-out until Amplify's Hub takes over", async () => {
    const { onAuthChange, reportFromHub } = await load();
    const seen: string[] = [];
    const stop = onAuthChange((c) => seen.push(c));
    storage(`${base}.${SUB}.refreshToken`, null, 'r');
    storage(`${base}.${SUB}.accessToken`, 'a', 'b');
    storage(`${base}.${SUB}.refreshToken`, 'r', null);
    expect(seen).toEqual(['signedIn', 'signedOut']);

    let report: (c: 'signedIn' | 'signedOut' | 'tokenRefresh') => void = () => {};
    reportFromHub((r) => (report = r));
    storage(`${base}.${SUB}.refreshToken`, null, 'r');
    report('tokenRefresh');
    expect(seen).toEqual(['signedIn', 'signedOut', 'tokenRefresh']);
    stop();
    report('signedOut');
    expect(seen).toHaveLength(3);
  });
});
