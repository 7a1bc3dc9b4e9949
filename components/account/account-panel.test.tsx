// @vitest-environment jsdom
import { cleanup, render, screen } from '@testing-library/react';
import type { ReactNode } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

const signIn = vi.fn();
const authenticatorProps = vi.fn();
vi.mock('aws-amplify/auth', () => ({ signIn: (input: unknown) => signIn(input) }));
vi.mock('@aws-amplify/ui-react/styles.css', () => ({}));
// The real Authenticator needs a live pool; here only what the panel hands it matters.
vi.mock('@aws-amplify/ui-react', () => ({
  Authenticator: (props: { services?: unknown; children: (a: { user: unknown }) => ReactNode }) => {
    authenticatorProps(props);
    return <div data-testid="authenticator">{props.children({ user: { signInDetails: { loginId: 'ada@example.com' } } })}</div>;
  },
}));

const POOL = {
  NEXT_PUBLIC_COGNITO_USER_POOL_ID: 'local_LumenDemo',
  NEXT_PUBLIC_COGNITO_CLIENT_ID: 'client123',
  NEXT_PUBLIC_COGNITO_ENDPOINT: 'http://127.0.0.1:9229',
};

async function renderPanel(env: Record<string, string>) {
  for (const [k, v] of Object.entries(env)) vi.stubEnv(k, v);
  // Settings are read when the modules load, as they are when Next inlines them.
  const { AccountPanel } = await import('./account-panel');
  render(<AccountPanel />);
}

beforeEach(() => {
  vi.resetModules();
  signIn.mockReset();
  authenticatorProps.mockReset();
});
afterEach(() => {
  cleanup();
  vi.unstubAllEnvs();
});

describe('AccountPanel', () => {
  it('says sign-in is not configured when no user pool is set', async () => {
    await renderPanel({ NEXT_PUBLIC_COGNITO_USER_POOL_ID: '', NEXT_PUBLIC_COGNITO_CLIENT_ID: '' });
    expect(screen.getByText(/Sign-in is not configured for this store/)).toBeInTheDocument();
    expect(screen.queryByTestId('authenticator')).not.toBeInTheDocument();
  });

  it('signs in with USER_PASSWORD_AUTH when configured for cognito-local', async () => {
    await renderPanel({ ...POOL, NEXT_PUBLIC_COGNITO_AUTH_FLOW: 'USER_PASSWORD_AUTH' });
    expect(screen.getByText('ada@example.com')).toBeInTheDocument();
    const { services } = authenticatorProps.mock.calls[0][0];
    await services.handleSignIn({ username: 'ada@example.com', password: 'pw', options: { clientMetadata: { a: '1' } } });
    expect(signIn).toHaveBeenCalledWith({
      username: 'ada@example.com',
      password: 'pw',
      options: { clientMetadata: { a: '1' }, authFlowType: 'USER_PASSWORD_AUTH' },
    });
  });

  it('keeps SRP, the production default, when no flow is set', async () => {
    await renderPanel(POOL);
    const { services } = authenticatorProps.mock.calls[0][0];
    await services.handleSignIn({ username: 'ada@example.com', password: 'pw' });
    expect(signIn).toHaveBeenCalledWith({ username: 'ada@example.com', password: 'pw', options: { authFlowType: 'USER_SRP_AUTH' } });
  });
});
