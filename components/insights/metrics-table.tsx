import { CsvDownload } from './csv-download';
import { formatCount, formatMoney, formatPercent } from './format';
import styles from './insights.module.css';
import { ScrollBox } from './scroll-box';

type Figures = { sessions: number; orders: number; revenue: number; conversion_rate: number };
type Column<R> = { title: string; value: (row: R) => string };
type Props<R extends Figures> = { caption: string; columns: Column<R>[]; rows: R[]; report: string; table: string };

/** Sessions, orders, revenue and conversion for each row of one grouping, with its CSV. */
export function MetricsTable<R extends Figures>({ caption, columns, rows, report, table }: Props<R>) {
  return (
    <div>
      <ScrollBox>
        <table className={styles.table}>
          <caption>{caption}</caption>
          <thead>
            <tr>
              {columns.map((c) => (
                <th key={c.title} scope="col">{c.title}</th>
              ))}
              <th scope="col">Sessions</th>
              <th scope="col">Orders</th>
              <th scope="col">Revenue</th>
              <th scope="col">Conversion</th>
            </tr>
          </thead>
          <tbody>
            {rows.length === 0 && (
              <tr>
                <td colSpan={columns.length + 4}>No sessions</td>
              </tr>
            )}
            {rows.map((r, i) => (
              <tr key={i}>
                {columns.map((c, j) =>
                  j === 0 ? <th key={c.title} scope="row">{c.value(r)}</th> : <td key={c.title}>{c.value(r)}</td>,
                )}
                <td>{formatCount(r.sessions)}</td>
                <td>{formatCount(r.orders)}</td>
                <td>{formatMoney(r.revenue)}</td>
                <td>{formatPercent(r.conversion_rate, 2)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollBox>
      <CsvDownload report={report} table={table} label={`the ${caption} table`} />
    </div>
  );
}
