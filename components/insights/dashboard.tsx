'use client';
import { useState } from 'react';
import { AcquisitionPanel } from './acquisition-panel';
import { AudienceSplit } from './audience-split';
import { RangeContext } from './csv-download';
import { DailyChart } from './daily-chart';
import { FunnelTable } from './funnel-table';
import { Headline } from './headline';
import styles from './insights.module.css';
import { LivePanel } from './live-panel';
import { ProductPerformance } from './product-performance';
import { rangeFromSearch, type Range } from './range';
import { RangePicker } from './range-picker';
import { ReturningPanel } from './returning-panel';
import { TopProducts } from './top-products';
import { TopSearches } from './top-searches';
import { useReports } from './use-reports';

type Props = { account: string; signOut?: () => void };

export function Dashboard({ account, signOut }: Props) {
  // The range lives in the URL (?from=&to=), so a view can be shared and survives a reload.
  const [range, setRange] = useState<Range>(() => rangeFromSearch(window.location.search));
  const state = useReports(range);
  const pick = (next: Range) => {
    window.history.replaceState(null, '', `?from=${next.from}&to=${next.to}`);
    setRange(next);
  };
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
        <RangePicker range={range} onChange={pick} />
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
      {/* Not range-based, so it refreshes on its own and shows whatever state the range reports are in. */}
      <LivePanel />
      {state.kind === 'ready' && (
        <RangeContext value={range}>
          <Headline overview={state.reports.overview} range={range} />
          <FunnelTable funnel={state.reports.funnel} />
          <DailyChart daily={state.reports.daily} previous={state.reports.previousDaily} />
          <AcquisitionPanel acquisition={state.reports.acquisition} />
          <TopProducts products={state.reports.products} />
          <ProductPerformance report={state.reports['product-performance']} />
          <ReturningPanel returning={state.reports.returning} />
          <TopSearches searches={state.reports.searches} />
          <AudienceSplit audience={state.reports.audience} />
        </RangeContext>
      )}
    </div>
  );
}
