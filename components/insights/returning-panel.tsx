import type { ReturningReport } from '@/lib/insights/returning';
import { CsvDownload } from './csv-download';
import { formatCount, formatPercent } from './format';
import styles from './insights.module.css';
import { ScrollBox } from './scroll-box';

/** Weekly cohorts of new shoppers and how many came back each week after, with the two shares in words. */
export function ReturningPanel({ returning }: { returning: ReturningReport }) {
  const weeks = Math.max(0, ...returning.cohorts.map((c) => c.returned.length));
  const after = Array.from({ length: weeks }, (_, k) => k + 1);
  return (
    <section aria-labelledby="returning-title" className={styles.section}>
      <h2 id="returning-title">Returning shoppers</h2>
      <ul className={styles.shares}>
        <li>
          <strong>{formatPercent(returning.returning_share)}</strong> of shoppers came back: {formatCount(returning.returning_shoppers)} of{' '}
          {formatCount(returning.shoppers)}
        </li>
        <li>
          <strong>{formatPercent(returning.repeat_buyer_share)}</strong> of buyers bought again: {formatCount(returning.repeat_buyers)} of{' '}
          {formatCount(returning.buyers)}
        </li>
      </ul>
      <ScrollBox>
        <table className={styles.table}>
          <caption>New shoppers by the week of their first visit, and how many visited again each week after</caption>
          <thead>
            <tr>
              <th scope="col">First visit, week of</th>
              <th scope="col">Shoppers</th>
              {after.map((k) => (
                <th key={k} scope="col">Week {k}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {returning.cohorts.length === 0 && (
              <tr>
                <td colSpan={2}>No new shoppers</td>
              </tr>
            )}
            {returning.cohorts.map((c) => (
              <tr key={c.week_start}>
                <th scope="row">{c.week_start}</th>
                <td>{formatCount(c.shoppers)}</td>
                {after.map((k) => {
                  const n = c.returned[k - 1];
                  return <td key={k}>{n === undefined ? '–' : `${formatCount(n)} (${formatPercent(c.shoppers ? n / c.shoppers : 0, 0)})`}</td>;
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollBox>
      <CsvDownload report="returning" label="the cohort table" />
    </section>
  );
}
