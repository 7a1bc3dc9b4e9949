// A report as CSV (docs/insights.md): one table per file. A report's tables are the arrays of rows in
// its answer, by the keys of its schema (audience: device_type, country, ...); a report without
// any (overview) is one table of a row for the range and one for the period before it.
import { z } from 'zod';
import type { DateRange } from './range';

type Row = Record<string, unknown>;

/** The table keys of a report's answer, in the schema's order; [] when its answer is one row. */
export function tableKeys(schema: z.ZodType): string[] {
  if (!(schema instanceof z.ZodObject)) return [];
  return Object.entries(schema.shape as Record<string, z.ZodType>).filter(([, field]) => field instanceof z.ZodArray).map(([key]) => key);
}

/** Whether the request asks for CSV: `format=csv`, or an Accept header naming text/csv (not with q=0). */
export function wantsCsv(format: string | null, accept: string | null): { csv: boolean } | { error: string } {
  if (format !== null && format !== '') {
    if (format === 'csv') return { csv: true };
    if (format === 'json') return { csv: false };
    return { error: `format must be csv or json, got "${format}"` };
  }
  const types = (accept ?? '').split(',').map((part) => part.trim().toLowerCase());
  return { csv: types.some((type) => /^text\/csv(\s*;|$)/.test(type) && !/;\s*q=0(\.0*)?(\s*;|$)/.test(type)) };
}

/** The chosen table's rows, or why the table cannot be chosen. */
export function chooseTable(report: string, keys: string[], table: string | null): { table: string | null } | { error: string } {
  if (table === null || table === '') return { table: keys[0] ?? null };
  if (keys.includes(table)) return { table };
  const choice = keys.length ? `one of ${keys.join(', ')}` : 'left out (it has one table)';
  return { error: `table must be ${choice} for the ${report} report, got "${table}"` };
}

function rowsOf(body: Row, table: string | null): Row[] {
  if (table !== null) return body[table] as Row[];
  const { previous, ...current } = body;
  return previous && typeof previous === 'object' ? [{ period: 'current', ...current }, { period: 'previous', ...previous }] : [current];
}

// The columns from the schema, so that an empty table still has its header; a list of numbers in a
// row (a cohort's weeks after) becomes one column per item of the longest: returned_1, returned_2, ...
function columnsOf(schema: z.ZodType, table: string | null, rows: Row[]): string[] {
  const shape = (object: z.ZodType) => (object instanceof z.ZodObject ? Object.keys(object.shape) : []);
  const top = shape(schema);
  const keys = table !== null ? shape(((schema as z.ZodObject).shape[table] as z.ZodArray<z.ZodType>).element)
    : [...(top.includes('previous') ? ['period'] : []), ...top.filter((key) => key !== 'previous')];
  return keys.flatMap((key) => {
    const longest = Math.max(-1, ...rows.map((row) => (Array.isArray(row[key]) ? (row[key] as unknown[]).length : -1)));
    return longest < 0 ? [key] : Array.from({ length: longest }, (_, index) => `${key}_${index + 1}`);
  });
}

const cellOf = (row: Row, column: string) => {
  if (Object.hasOwn(row, column)) return row[column];
  const item = /^(.*)_(\d+)$/.exec(column);
  return item && Array.isArray(row[item[1]]) ? (row[item[1]] as unknown[])[Number(item[2]) - 1] : undefined;
};

// A spreadsheet runs a cell that starts with one of these as a formula: a leading ' keeps it text.
const FORMULA_START = /^[=+\-@\t\r]/;

export function csvCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  let text = typeof value === 'object' ? JSON.stringify(value) : String(value);
  if (typeof value === 'string' && FORMULA_START.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** RFC 4180: a header row of the answer's keys, then the rows, CRLF line ends, quoted where a cell needs it. */
export function toCsv(schema: z.ZodType, body: unknown, table: string | null): string {
  const rows = rowsOf(body as Row, table);
  const columns = columnsOf(schema, table, rows);
  return [columns, ...rows.map((row) => columns.map((column) => cellOf(row, column)))]
    .map((cells) => `${cells.map(csvCell).join(',')}\r\n`)
    .join('');
}

export function csvFileName(report: string, table: string | null, tables: number, { from, to }: DateRange): string {
  return `${report}${table !== null && tables > 1 ? `-${table}` : ''}-${from}-to-${to}.csv`;
}
