import type { OverviewFigures, OverviewReport } from '@/lib/insights/overview';
import { CsvDownload } from './csv-download';
import { describeChange, formatCount, formatMoney, formatPercent } from './format';
import styles from './insights.module.css';
import { rangeLength, type Range } from './range';

const FIGURES: { key: keyof OverviewFigures; label: string; format: (n: number) => string }[] = [
  { key: 'sessions', label: 'Sessions', format: formatCount },
  { key: 'shoppers', label: 'Shoppers', format: formatCount },
  { key: 'page_views', label: 'Page views', format: formatCount },
  { key: 'orders', label: 'Orders', format: formatCount },
  { key: 'revenue', label: 'Revenue', format: formatMoney },
  { key: 'conversion_rate', label: 'Conversion rate', format: (n) => formatPercent(n, 2) },
  { key: 'average_order_value', label: 'Average order', format: formatMoney },
];

/** The headline figures, each with its change against the period of equal length before. */
export function Headline({ overview, range }: { overview: OverviewReport; range: Range }) {
  const days = rangeLength(range);
  return (
    <section aria-labelledby="headline-title" className={styles.section}>
      <h2 id="headline-title">Headline figures</h2>
      <dl className={styles.figures}>
        {FIGURES.map(({ key, label, format }) => {
          const change = describeChange(overview[key], overview.previous[key]);
          return (
            <div key={key} className={styles.figure}>
              <dt>{label}</dt>
              <dd className={styles.value}>{format(overview[key])}</dd>
              <dd className={styles[change.direction]}>
                {change.text} <span className={styles.muted}>vs the previous {days} days ({format(overview.previous[key])})</span>
              </dd>
            </div>
          );
        })}
      </dl>
      <CsvDownload report="overview" label="the headline figures, this period and the previous one" />
    </section>
  );
}
