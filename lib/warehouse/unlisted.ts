import type pg from 'pg';
import { dayPrefix, type Day } from './days';
import type { EventSource } from './source';
import { daysNeverRead } from './state';

/** Event files in days older than a load's window that no load has read a file of. */
export type Unlisted = { before: Day; days: number; files: number; oldest: Day };

/**
 * What a load would miss because it lists only from its checkpoint minus the lookback: whole days
 * stored after the loads went past them (demo traffic, a restored backup). Listing the day folders
 * is cheap in both sources (a readdir a month, one LIST a day in S3); only a day no load has ever
 * read from is listed whole, to count its files. A file added later to a day already read is not
 * seen here: `from` (`npm run warehouse:load -- --from`) reaches it.
 */
export async function findUnlisted(source: EventSource, db: pg.Pool | pg.PoolClient, before: Day): Promise<Unlisted | null> {
  const older: Day[] = [];
  for await (const day of source.days(null)) {
    if (day >= before) break;
    older.push(day);
  }
  if (!older.length) return null;
  let days = 0;
  let files = 0;
  let oldest: Day | null = null;
  for (const day of await daysNeverRead(db, source.id, older)) {
    let inDay = 0;
    for await (const page of source.keys(dayPrefix(day))) inDay += page.length;
    if (!inDay) continue;
    days += 1;
    files += inDay;
    oldest ??= day;
  }
  return oldest ? { before, days, files, oldest } : null;
}
