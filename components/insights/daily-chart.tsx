import type { DailyReport } from '@/lib/insights/daily';
import { formatCount, formatMoney } from './format';
import styles from './insights.module.css';
import { ScrollBox } from './scroll-box';

const HEIGHT = 100;

/** Sessions per day as columns, with a sentence summing it up and the full figures as a table. */
export function DailyChart({ daily }: { daily: DailyReport }) {
  const { days } = daily;
  const max = Math.max(0, ...days.map((d) => d.sessions));
  const busiest = days.reduce<DailyReport['days'][number] | null>((top, d) => (!top || d.sessions > top.sessions ? d : top), null);
  const total = days.reduce((sum, d) => sum + d.sessions, 0);
  const summary = busiest && max > 0
    ? `${formatCount(total)} sessions over ${days.length} days; the busiest day was ${busiest.date} with ${formatCount(busiest.sessions)}.`
    : `No sessions on any of the ${days.length} days.`;
  const width = Math.max(days.length, 1);
  return (
    <section aria-labelledby="daily-title" className={styles.section}>
      <h2 id="daily-title">Day by day</h2>
      <p id="daily-summary">{summary}</p>
      <figure className={styles.chart}>
        <svg viewBox={`0 0 ${width} ${HEIGHT}`} preserveAspectRatio="none" role="img" aria-labelledby="daily-summary" className={styles.columns}>
          {days.map((d, i) => {
            const h = max ? (d.sessions / max) * HEIGHT : 0;
            return <rect key={d.date} x={i + 0.1} y={HEIGHT - h} width={0.8} height={h} className={styles.barFill} />;
          })}
        </svg>
        <figcaption className={styles.axis}>
          <span>{days[0]?.date}</span>
          <span>sessions per day, up to {formatCount(max)}</span>
          <span>{days.at(-1)?.date}</span>
        </figcaption>
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
              </tr>
            </thead>
            <tbody>
              {days.map((d) => (
                <tr key={d.date}>
                  <th scope="row">{d.date}</th>
                  <td>{formatCount(d.sessions)}</td>
                  <td>{formatCount(d.page_views)}</td>
                  <td>{formatCount(d.orders)}</td>
                  <td>{formatMoney(d.revenue)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollBox>
      </details>
    </section>
  );
}
