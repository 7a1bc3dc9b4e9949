import type { SearchesReport } from '@/lib/insights/searches';
import { CsvDownload } from './csv-download';
import { formatCount } from './format';
import styles from './insights.module.css';
import { ScrollBox } from './scroll-box';

/** What shoppers searched for, with the terms that found nothing flagged in words, not colour alone. */
export function TopSearches({ searches }: { searches: SearchesReport }) {
  const missing = searches.searches.filter((s) => s.zero_results > 0).length;
  return (
    <section aria-labelledby="searches-title" className={styles.section}>
      <h2 id="searches-title">Searches</h2>
      {searches.searches.length === 0 ? (
        <p className={styles.muted}>Nobody searched in this range.</p>
      ) : (
        <>
          <p className={styles.muted}>
            {missing === 0 ? 'Every term found something.' : `${missing} of these terms found nothing at least once: worth a product or a synonym.`}
          </p>
          <ScrollBox>
            <table className={styles.table}>
              <thead>
                <tr>
                  <th scope="col">Term</th>
                  <th scope="col">Searches</th>
                  <th scope="col">Found nothing</th>
                </tr>
              </thead>
              <tbody>
                {searches.searches.map((s) => (
                  <tr key={s.term}>
                    <th scope="row">{s.term}</th>
                    <td>{formatCount(s.searches)}</td>
                    <td>{s.zero_results > 0 ? <strong className={styles.flag}>No results ({formatCount(s.zero_results)})</strong> : '0'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollBox>
          <CsvDownload report="searches" label="the searches" />
        </>
      )}
    </section>
  );
}
