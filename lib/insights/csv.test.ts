import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { chooseTable, csvCell, csvFileName, tableKeys, toCsv, wantsCsv } from './csv';
import { overviewSchema } from './overview';

const lines = (csv: string) => csv.split('\r\n').slice(0, -1);

describe('CSV', () => {
  it('quotes cells with commas, quotes and line breaks as RFC 4180 says', () => {
    expect(csvCell('rings, gold')).toBe('"rings, gold"');
    expect(csvCell('the "Aurora"')).toBe('"the ""Aurora"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
    expect(csvCell(null)).toBe('');
    expect(csvCell(12.5)).toBe('12.5');
  });

  it('keeps a cell a spreadsheet would run as a formula as text', () => {
    for (const text of ['=HYPERLINK("x")', '+1', '-2+3', '@SUM(A1)']) expect(csvCell(text).replace(/^"|"$/g, '').startsWith(`'${text[0]}`)).toBe(true);
    expect(csvCell(-4)).toBe('-4');
  });

  it('writes the header from the schema, even for an empty table, and one column per week after', () => {
    const schema = z.strictObject({
      cohorts: z.array(z.strictObject({ week_start: z.string(), shoppers: z.number(), returned: z.array(z.number()) })),
      shoppers: z.number(),
    });
    expect(lines(toCsv(schema, { cohorts: [], shoppers: 0 }, 'cohorts'))).toEqual(['week_start,shoppers,returned']);
    const body = { cohorts: [{ week_start: '2026-11-02', shoppers: 4, returned: [2, 1] }, { week_start: '2026-11-09', shoppers: 3, returned: [1] }], shoppers: 7 };
    expect(lines(toCsv(schema, body, 'cohorts'))).toEqual(['week_start,shoppers,returned_1,returned_2', '2026-11-02,4,2,1', '2026-11-09,3,1,']);
  });

  it('writes the overview as a row for the range and one for the period before', () => {
    const figures = { sessions: 4, shoppers: 3, page_views: 9, orders: 2, revenue: 10.5, conversion_rate: 0.5, average_order_value: 5.25 };
    const csv = lines(toCsv(overviewSchema, { ...figures, previous: { ...figures, sessions: 1 } }, null));
    expect(csv[0]).toBe(`period,${Object.keys(figures).join(',')}`);
    expect(csv.slice(1)).toEqual([`current,${Object.values(figures).join(',')}`, `previous,${Object.values({ ...figures, sessions: 1 }).join(',')}`]);
    expect(tableKeys(overviewSchema)).toEqual([]);
  });

  it('chooses the first table by default and names the choices for a wrong one', () => {
    expect(chooseTable('audience', ['device_type', 'country'], null)).toEqual({ table: 'device_type' });
    expect(chooseTable('audience', ['device_type', 'country'], 'country')).toEqual({ table: 'country' });
    expect(chooseTable('overview', [], 'days')).toEqual({ error: 'table must be left out (it has one table) for the overview report, got "days"' });
  });

  it('reads the format from ?format first, then the Accept header', () => {
    expect(wantsCsv('csv', 'application/json')).toEqual({ csv: true });
    expect(wantsCsv('json', 'text/csv')).toEqual({ csv: false });
    expect(wantsCsv(null, 'text/csv; charset=utf-8')).toEqual({ csv: true });
    expect(wantsCsv(null, 'text/csv;q=0')).toEqual({ csv: false });
    expect(wantsCsv(null, '*/*')).toEqual({ csv: false });
    expect(wantsCsv('pdf', null)).toEqual({ error: 'format must be csv or json, got "pdf"' });
  });

  it('names the file after the report, the table when there are several, and the range', () => {
    const range = { from: '2026-11-01', to: '2026-11-30' };
    expect(csvFileName('acquisition', 'campaigns', 3, range)).toBe('acquisition-campaigns-2026-11-01-to-2026-11-30.csv');
    expect(csvFileName('daily', 'days', 1, range)).toBe('daily-2026-11-01-to-2026-11-30.csv');
    expect(csvFileName('overview', null, 0, range)).toBe('overview-2026-11-01-to-2026-11-30.csv');
  });
});
