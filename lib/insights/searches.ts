// The 50 most searched terms (lower-cased, trimmed) among the range's sessions, and how many of
// those searches found nothing.
import { z } from 'zod';
import { count } from './numbers';
import type { DateRange } from './range';
import { STARTED_IN_RANGE, queryRange, type Db } from './sessions-in-range';

export const searchesSchema = z.strictObject({
  searches: z.array(z.strictObject({ term: z.string().min(1), searches: count, zero_results: count })).max(50),
});
export type SearchesReport = z.infer<typeof searchesSchema>;

const SEARCHES = `
SELECT term, sum(searches)::int AS searches, sum(zero_results)::int AS zero_results
FROM clickstream_session_searches
WHERE ${STARTED_IN_RANGE}
GROUP BY term
ORDER BY sum(searches) DESC, term
LIMIT 50`;

export async function searchesReport(db: Db, range: DateRange): Promise<SearchesReport> {
  return { searches: await queryRange<SearchesReport['searches'][number]>(db, SEARCHES, range) };
}
