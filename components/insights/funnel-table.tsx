import type { FunnelReport } from '@/lib/insights/funnel';
import { Bar } from './bar';
import { CsvDownload } from './csv-download';
import { formatCount, formatPercent } from './format';
import styles from './insights.module.css';
import { ScrollBox } from './scroll-box';

const LABELS: Record<FunnelReport['steps'][number]['step'], string> = {
  page_view: 'Viewed a page',
  product_view: 'Viewed a product',
  add_to_cart: 'Added to cart',
  checkout_start: 'Started checkout',
  checkout_complete: 'Placed an order',
};

/** Sessions at each step, reached in order, and how many dropped out since the step before. */
export function FunnelTable({ funnel }: { funnel: FunnelReport }) {
  const first = funnel.steps[0]?.sessions ?? 0;
  return (
    <section aria-labelledby="funnel-title" className={styles.section}>
      <h2 id="funnel-title">Funnel</h2>
      <p className={styles.muted}>Sessions that reached each step after every step before it.</p>
      <ScrollBox>
        <table className={styles.table}>
          <thead>
            <tr>
              <th scope="col">Step</th>
              <th scope="col">Sessions</th>
              <th scope="col">Of the first step</th>
              <th scope="col">Drop from the step before</th>
            </tr>
          </thead>
          <tbody>
            {funnel.steps.map(({ step, sessions }, i) => {
              const before = i > 0 ? funnel.steps[i - 1].sessions : null;
              const dropped = before === null ? null : before - sessions;
              return (
                <tr key={step}>
                  <th scope="row">{LABELS[step]}</th>
                  <td>
                    <div className={styles.withBar}>
                      <span>{formatCount(sessions)}</span>
                      <Bar value={sessions} max={first} />
                    </div>
                  </td>
                  <td>{first ? formatPercent(sessions / first) : '–'}</td>
                  <td>{dropped === null ? '–' : `${formatCount(dropped)} (${before ? formatPercent(dropped / before) : '0.0%'})`}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </ScrollBox>
      <CsvDownload report="funnel" label="the funnel" />
    </section>
  );
}
