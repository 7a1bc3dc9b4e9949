// What the insights spec does besides the page: run the loader, ask the API as the demo analyst,
// sign in at /insights, run axe, read a table as text, and read a downloaded CSV.
import AxeBuilder from '@axe-core/playwright';
import { expect, type Download, type Locator, type Page } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { cognitoLocalTokens } from '../../lib/ingest/test-servers';
import { DEMO_ANALYST, DEMO_POOL } from '../../scripts/cognito-seed.mjs';
import { E2E } from './env';

export function load(): string {
  const output = execFileSync('npm', ['run', '--silent', 'warehouse:load'], {
    env: { ...process.env, CLICKSTREAM_DATA_DIR: E2E.dataDir, DATABASE_URL: E2E.databaseUrl },
    encoding: 'utf8',
  });
  const last = output.trim().split('\n').at(-1) ?? '';
  expect(last).toMatch(/^warehouse: \d+ new, \d+ duplicate, \d+ bad, \d+ files read$/);
  return last;
}

export async function api<T>(report: string): Promise<T> {
  const { IdToken } = await cognitoLocalTokens(E2E.cognitoEndpoint, DEMO_POOL.clientId, DEMO_ANALYST);
  const response = await fetch(`${E2E.baseURL}/api/insights/${report}`, { headers: { authorization: `Bearer ${IdToken}` } });
  expect(response.status).toBe(200);
  return response.json() as Promise<T>;
}

export async function signInAtInsights(page: Page, user: { email: string; password: string }, path = '/insights') {
  await page.goto(path);
  await page.getByRole('textbox', { name: 'Email' }).fill(user.email);
  await page.getByLabel('Password', { exact: true }).fill(user.password);
  await page.getByRole('main').getByRole('button', { name: 'Sign in', exact: true }).click();
}

export async function expectNoSeriousViolations(page: Page) {
  const { violations } = await new AxeBuilder({ page }).analyze();
  const serious = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(', ')}`)).toEqual([]);
}

/** A table's body rows as the reader sees them: each row's header and cells as text. */
export async function rowsOf(table: Locator): Promise<string[][]> {
  const rows = await table.locator('tbody tr').all();
  return Promise.all(rows.map((row) => row.locator('th, td').allInnerTexts()));
}

/** The rows of a downloaded CSV as objects keyed by its header row (RFC 4180: quoted cells may hold commas and quotes). */
export async function csvRows(download: Download): Promise<Record<string, string>[]> {
  const text = fs.readFileSync(await download.path(), 'utf8');
  const records: string[][] = [];
  // One cell per match: quoted (doubled quotes inside) or bare, then the comma or line end after it.
  let record: string[] = [];
  for (const [, quoted, bare, end] of text.matchAll(/(?:"((?:[^"]|"")*)"|([^,\r\n]*))(,|\r?\n|$)/g)) {
    record.push(quoted === undefined ? bare : quoted.replaceAll('""', '"'));
    if (end !== ',') {
      records.push(record);
      record = [];
      if (end === '') break;
    }
  }
  const [header, ...rows] = records.filter((r) => r.join('') !== '');
  return rows.map((r) => Object.fromEntries(header.map((key, i) => [key, r[i]])));
}

/** The last 30 days (UTC), today included: the page's default range. */
export function defaultRange(now = Date.now()) {
  const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
  return { from: day(now - 29 * 86_400_000), to: day(now) };
}
