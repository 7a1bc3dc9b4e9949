import type { DailyReport } from '@/lib/insights/daily';
import { CsvDownload } from './csv-download';
import { formatCount, formatMoney } from './format';
import styles from './insights.module.css';
import { ScrollBox } from './scroll-box';

const HEIGHT = 100;
type Day = DailyReport['days'][number];
const sum = (days: Day[]) => days.reduce((total, d) => total + d.sessions, 0);

/**
 * Sessions per day as columns, the period of equal length before as a line over them (its day i
 * beside this period's day i), a sentence summing both up, and the full figures as a table.
 */
export function DailyChart({ daily, previous }: { daily: DailyReport; previous: DailyReport }) {
  const { days } = daily;
  const before = previous.days;
  const max = Math.max(0, ...days.map((d) => d.sessions), ...before.map((d) => d.sessions));
  const busiest = days.reduce<Day | null>((top, d) => (!top || d.sessions > top.sessions ? d : top), null);
  const summary = busiest && busiest.sessions > 0
    ? `${formatCount(sum(days))} sessions over ${days.length} days; the busiest day was ${busiest.date} with ${formatCount(busiest.sessions)}.`
    : `No sessions on any of the ${days.length} days.`;
  const y = (sessions: number) => HEIGHT - (max ? (sessions / max) * HEIGHT : 0);
  const then = before.length ? `${before[0].date} to ${before.at(-1)!.date}` : '';
  return (
    <section aria-labelledby="daily-title" className={styles.section}>
      <h2 id="daily-title">Day by day</h2>
      <p id="daily-summary">
        {summary} The previous {before.length} days ({then}) had {formatCount(sum(before))}.
      </p>
      <figure className={styles.chart}>
        <svg viewBox={`0 0 ${Math.max(days.length, 1)} ${HEIGHT}`} preserveAspectRatio="none" role="img" aria-labelledby="daily-summary" className={styles.columns}>
          {days.map((d, i) => (
            <rect key={d.date} x={i + 0.1} y={y(d.sessions)} width={0.8} height={HEIGHT - y(d.sessions)} className={styles.barFill} />
          ))}
          <polyline points={before.map((d, i) => `${i + 0.5},${y(d.sessions)}`).join(' ')} className={styles.ghost} vectorEffect="non-scaling-stroke" />
        </svg>
        <figcaption className={styles.axis}>
          <span>{days[0]?.date}</span>
          <span>sessions per day, up to {formatCount(max)}</span>
          <span>{days.at(-1)?.date}</span>
        </figcaption>
        <ul className={styles.legend} aria-label="Legend">
          <li><span className={styles.keyBar} aria-hidden="true" /> This period</li>
          <li><span className={styles.keyLine} aria-hidden="true" /> Previous period ({then})</li>
        </ul>
      </figure>
      <details className={styles.tableToggle}>
        <summary>The daily figures as a table</summary>
        <ScrollBox>
          <table className={styles.table}>
            <thead>
              <tr>
                <th scope="col">Day (UTC)</th>
                <th scope="col">Sessions</th>
                <th scope="col">Page views</th>
                <th scope="col">Orders</th>
                <th scope="col">Revenue</th>
                <th scope="col">Previous period: day</th>
                <th scope="col">Its sessions</th>
              </tr>
            </thead>
            <tbody>
              {days.map((d, i) => (
                <tr key={d.date}>
                  <th scope="row">{d.date}</th>
                  <td>{formatCount(d.sessions)}</td>
                  <td>{formatCount(d.page_views)}</td>
                  <td>{formatCount(d.orders)}</td>
                  <td>{formatMoney(d.revenue)}</td>
                  <td>{before[i]?.date ?? '–'}</td>
                  <td>{before[i] ? formatCount(before[i].sessions) : '–'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollBox>
        <CsvDownload report="daily" label="the daily figures" />
      </details>
    </section>
  );
}
