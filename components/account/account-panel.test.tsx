// @vitest-environment jsdom
import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { ReactNode } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

const signIn = vi.fn();
const signOut = vi.fn();
const authenticatorProps = vi.fn();
// Who the stand-in Authenticator reports: a signed-in user, or nobody (it then shows its sign-in form).
const session = vi.hoisted(() => ({ user: null as null | { signInDetails: { loginId: string } } }));
vi.mock('aws-amplify/auth', () => ({ signIn: (input: unknown) => signIn(input) }));
vi.mock('@aws-amplify/ui-react/styles.css', () => ({}));
// The real Authenticator needs a live pool; the theme and its provider are the real ones.
vi.mock('@aws-amplify/ui-react', async (original) => ({
  ...(await original<typeof import('@aws-amplify/ui-react')>()),
  Authenticator: (props: {
    components?: { SignIn?: { Header?: () => ReactNode } };
    children: (a: { user: unknown; signOut: () => void }) => ReactNode;
  }) => {
    authenticatorProps(props);
    const Header = props.components?.SignIn?.Header;
    return (
      <div data-testid="authenticator">
        {session.user ? props.children({ user: session.user, signOut }) : Header ? <Header /> : null}
      </div>
    );
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
  signOut.mockReset();
  authenticatorProps.mockReset();
  session.user = null;
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

  it('invites a guest to sign in', async () => {
    await renderPanel(POOL);
    expect(screen.getByText(/Sign in to see your details/)).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Sign out' })).not.toBeInTheDocument();
  });

  it('shows a signed-in shopper their email and a sign-out button, not the sign-in invitation', async () => {
    session.user = { signInDetails: { loginId: 'ada@example.com' } };
    await renderPanel(POOL);
    expect(screen.getByText('ada@example.com')).toBeInTheDocument();
    expect(screen.queryByText(/Sign in to see your details/)).not.toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Sign out' }));
    expect(signOut).toHaveBeenCalledOnce();
  });

  it("dresses the form in the store's colours and fonts through Amplify's theme", async () => {
    await renderPanel(POOL);
    const css = [...document.querySelectorAll('style')].map((s) => s.textContent).join('\n');
    expect(css).toContain('--amplify-colors-brand-primary-80: var(--ink)');
    expect(css).toContain('--amplify-fonts-default-variable: var(--sans)');
    expect(document.querySelector('[data-amplify-theme="lumen"]')).toContainElement(screen.getByTestId('authenticator'));
  });

  it('signs in with USER_PASSWORD_AUTH when configured for cognito-local', async () => {
    await renderPanel({ ...POOL, NEXT_PUBLIC_COGNITO_AUTH_FLOW: 'USER_PASSWORD_AUTH' });
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
