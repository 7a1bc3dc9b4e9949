'use client';
import { useState } from 'react';
import { AudienceSplit } from './audience-split';
import { DailyChart } from './daily-chart';
import { FunnelTable } from './funnel-table';
import { Headline } from './headline';
import styles from './insights.module.css';
import { lastDays, type Range } from './range';
import { RangePicker } from './range-picker';
import { TopProducts } from './top-products';
import { TopSearches } from './top-searches';
import { useReports } from './use-reports';

type Props = { account: string; signOut?: () => void };

export function Dashboard({ account, signOut }: Props) {
  const [range, setRange] = useState<Range>(() => lastDays(30));
  const state = useReports(range);
  const signOutButton = signOut && (
    <button type="button" className="button" onClick={signOut}>
      Sign out
    </button>
  );

  if (state.kind === 'failed' && (state.status === 401 || state.status === 403)) {
    return (
      <div className={styles.note} role="alert">
        <p>
          {state.status === 403
            ? `The account ${account} has no access to the insights: it is not in the analysts group.`
            : 'Your session has ended. Sign out and sign in again to see the insights.'}
        </p>
        {signOutButton}
      </div>
    );
  }
  return (
    <div className={styles.dashboard}>
      <div className={styles.toolbar}>
        <RangePicker range={range} onChange={setRange} />
        <p className={styles.account}>
          Signed in as <strong>{account}</strong> {signOutButton}
        </p>
      </div>
      <div aria-live="polite" className={styles.status}>
        {state.kind === 'loading' && <p>Loading the reports…</p>}
        {state.kind === 'failed' && (
          <p className={styles.error} role="alert">
            The reports cannot be shown right now: {state.message}. The shop itself is not affected.
          </p>
        )}
        {state.kind === 'ready' && state.reports.overview.sessions === 0 && (
          <p className={styles.note}>
            No sessions started in this range yet. Visit the store (or run <code>npm run demo:traffic</code>) and the
            figures appear here once the warehouse has loaded them.
          </p>
        )}
      </div>
      {state.kind === 'ready' && (
        <>
          <Headline overview={state.reports.overview} range={range} />
          <FunnelTable funnel={state.reports.funnel} />
          <DailyChart daily={state.reports.daily} />
          <TopProducts products={state.reports.products} />
          <TopSearches searches={state.reports.searches} />
          <AudienceSplit audience={state.reports.audience} />
        </>
      )}
    </div>
  );
}
