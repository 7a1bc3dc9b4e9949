import type { AudienceReport } from '@/lib/insights/audience';
import { Bar } from './bar';
import { CsvDownload } from './csv-download';
import { formatCount, formatPercent } from './format';
import styles from './insights.module.css';

const SPLITS: { key: keyof AudienceReport; title: string }[] = [
  { key: 'device_type', title: 'Device' },
  { key: 'country', title: 'Country' },
  { key: 'referrer_host', title: 'Came from' },
  { key: 'login_state', title: 'Signed in' },
];

const LABELS: Record<string, string> = { anonymous: 'Guest', logged_in: 'Signed in', '(direct)': 'Direct or unknown' };
const TOP = 10;

/** The sessions split four ways; each split its ten largest values. */
export function AudienceSplit({ audience }: { audience: AudienceReport }) {
  return (
    <section aria-labelledby="audience-title" className={styles.section}>
      <h2 id="audience-title">Audience</h2>
      <div className={styles.splits}>
        {SPLITS.map(({ key, title }) => {
          const rows = audience[key];
          const total = rows.reduce((sum, r) => sum + r.sessions, 0);
          return (
            <div key={key}>
              <table className={styles.table}>
                <caption>{title}</caption>
                <thead>
                  <tr>
                    <th scope="col">Value</th>
                    <th scope="col">Sessions</th>
                  </tr>
                </thead>
                <tbody>
                  {rows.length === 0 && (
                    <tr>
                      <td colSpan={2}>No sessions</td>
                    </tr>
                  )}
                  {rows.slice(0, TOP).map((r) => (
                    <tr key={r.value}>
                      <th scope="row">{LABELS[r.value] ?? r.value}</th>
                      <td>
                        <div className={styles.withBar}>
                          <span>
                            {formatCount(r.sessions)} ({formatPercent(r.sessions / total)})
                          </span>
                          <Bar value={r.sessions} max={total} />
                        </div>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
              <CsvDownload report="audience" table={key} label={`the ${title} table`} />
            </div>
          );
        })}
      </div>
    </section>
  );
}
