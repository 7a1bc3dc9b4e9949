import type { Metadata } from 'next';
import { AccountPanel } from '@/components/account/account-panel';

export const metadata: Metadata = { title: 'Your account' };

export default function AccountPage() {
  return (
    <>
      <h1>Your account</h1>
      <p className="page-intro">Sign in to see your details. Guests can shop and check out without an account.</p>
      <AccountPanel />
    </>
  );
}
