'use client';
import { useEffect, useState } from 'react';
import type { AudienceReport } from '@/lib/insights/audience';
import type { DailyReport } from '@/lib/insights/daily';
import type { FunnelReport } from '@/lib/insights/funnel';
import type { OverviewReport } from '@/lib/insights/overview';
import type { ProductsReport } from '@/lib/insights/products';
import type { SearchesReport } from '@/lib/insights/searches';
import { currentIdToken } from '@/lib/auth/client';
import type { Range } from './range';

// The API's answer types come from the server's zod schemas, as types only: no zod in the browser.
export type Reports = {
  overview: OverviewReport;
  funnel: FunnelReport;
  daily: DailyReport;
  products: ProductsReport;
  searches: SearchesReport;
  audience: AudienceReport;
};
const NAMES = ['overview', 'funnel', 'daily', 'products', 'searches', 'audience'] as const;

export type ReportsState =
  | { kind: 'loading' }
  | { kind: 'ready'; reports: Reports }
  | { kind: 'failed'; status: number; message: string };

const ENDPOINT = (process.env.NEXT_PUBLIC_INSIGHTS_ENDPOINT || '/api/insights').replace(/\/$/, '');

class ReportError extends Error {
  constructor(readonly status: number, message: string) {
    super(message);
  }
}

async function fetchReport(name: string, range: Range, token: string): Promise<unknown> {
  const url = `${ENDPOINT}/${name}?from=${range.from}&to=${range.to}`;
  const response = await fetch(url, { headers: { authorization: `Bearer ${token}` }, cache: 'no-store' }).catch(() => {
    throw new ReportError(0, 'the insights API could not be reached');
  });
  const body = await response.json().catch(() => ({}));
  if (!response.ok) throw new ReportError(response.status, typeof body.error === 'string' ? body.error : `HTTP ${response.status}`);
  return body;
}

/** Every report for `range`, fetched together with the signed-in user's ID token. */
export function useReports(range: Range): ReportsState {
  // The answer remembers its range, so a new range reads as loading until its own answer arrives.
  const [answer, setAnswer] = useState<{ range: Range; state: ReportsState } | null>(null);
  useEffect(() => {
    let current = true;
    (async () => {
      const token = await currentIdToken();
      if (!token) throw new ReportError(401, 'your session has ended');
      const answers = await Promise.all(NAMES.map((name) => fetchReport(name, range, token)));
      return Object.fromEntries(NAMES.map((name, i) => [name, answers[i]])) as Reports;
    })().then(
      (reports) => current && setAnswer({ range, state: { kind: 'ready', reports } }),
      (error: unknown) => {
        const status = error instanceof ReportError ? error.status : 0;
        if (current) setAnswer({ range, state: { kind: 'failed', status, message: (error as Error).message } });
      },
    );
    return () => {
      current = false;
    };
  }, [range]);
  return answer?.range === range ? answer.state : { kind: 'loading' };
}
