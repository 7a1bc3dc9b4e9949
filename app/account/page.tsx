import type { Metadata } from 'next';
import { AccountPanel } from '@/components/account/account-panel';

export const metadata: Metadata = { title: 'Your account' };

export default function AccountPage() {
  return (
    <>
      <h1>Your account</h1>
      <AccountPanel />
    </>
  );
}
