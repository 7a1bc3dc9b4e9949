'use client';
import { useEffect, useState } from 'react';
import type { AcquisitionReport } from '@/lib/insights/acquisition';
import type { AudienceReport } from '@/lib/insights/audience';
import type { DailyReport } from '@/lib/insights/daily';
import type { FunnelReport } from '@/lib/insights/funnel';
import type { OverviewReport } from '@/lib/insights/overview';
import type { ProductPerformanceReport } from '@/lib/insights/product-performance';
import type { ProductsReport } from '@/lib/insights/products';
import type { ReturningReport } from '@/lib/insights/returning';
import type { SearchesReport } from '@/lib/insights/searches';
import { ReportError, requestReport } from './api';
import { previousRange, type Range } from './range';

// The API's answer types come from the server's zod schemas, as types only: no zod in the browser.
export type Reports = {
  overview: OverviewReport;
  funnel: FunnelReport;
  daily: DailyReport;
  /** `daily` of the period of equal length before, for the chart's comparison. */
  previousDaily: DailyReport;
  products: ProductsReport;
  searches: SearchesReport;
  audience: AudienceReport;
  acquisition: AcquisitionReport;
  'product-performance': ProductPerformanceReport;
  returning: ReturningReport;
};
const NAMES = ['overview', 'funnel', 'daily', 'products', 'searches', 'audience', 'acquisition', 'product-performance', 'returning'] as const;

export type ReportsState =
  | { kind: 'loading' }
  | { kind: 'ready'; reports: Reports }
  | { kind: 'failed'; status: number; message: string };

const json = (report: string, range: Range) => requestReport(report, range).then((r) => r.json());

/** Every report for `range` (and the daily one of the period before), fetched together with the analyst's token. */
export function useReports(range: Range): ReportsState {
  // The answer remembers its range, so a new range reads as loading until its own answer arrives.
  const [answer, setAnswer] = useState<{ range: Range; state: ReportsState } | null>(null);
  useEffect(() => {
    let current = true;
    Promise.all([...NAMES.map((name) => json(name, range)), json('daily', previousRange(range))]).then(
      (answers) => {
        const reports = Object.fromEntries(NAMES.map((name, i) => [name, answers[i]])) as Reports;
        if (current) setAnswer({ range, state: { kind: 'ready', reports: { ...reports, previousDaily: answers[NAMES.length] } } });
      },
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
