// The reports by the name the API answers them under.
import { acquisitionReport, acquisitionSchema } from './acquisition';
import { audienceReport, audienceSchema } from './audience';
import { dailyReport, dailySchema } from './daily';
import { funnelReport, funnelSchema } from './funnel';
import { overviewReport, overviewSchema } from './overview';
import { productPerformanceReport, productPerformanceSchema } from './product-performance';
import { productsReport, productsSchema } from './products';
import { returningReport, returningSchema } from './returning';
import { searchesReport, searchesSchema } from './searches';

export const REPORTS = {
  overview: { run: overviewReport, schema: overviewSchema },
  funnel: { run: funnelReport, schema: funnelSchema },
  daily: { run: dailyReport, schema: dailySchema },
  products: { run: productsReport, schema: productsSchema },
  searches: { run: searchesReport, schema: searchesSchema },
  audience: { run: audienceReport, schema: audienceSchema },
  'product-performance': { run: productPerformanceReport, schema: productPerformanceSchema },
  returning: { run: returningReport, schema: returningSchema },
  acquisition: { run: acquisitionReport, schema: acquisitionSchema },
} as const;

export type ReportName = keyof typeof REPORTS;
export const REPORT_NAMES = Object.keys(REPORTS) as ReportName[];

export const isReportName = (name: string): name is ReportName => Object.hasOwn(REPORTS, name);
