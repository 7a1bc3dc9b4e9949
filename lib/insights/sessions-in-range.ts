// The one filter every report shares: the sessions that started in the range,
// with $1 and $2 from rangeBounds(). The pre-aggregate tables carry their session's started_at, so
// they take the same condition without a join.
import type pg from 'pg';
import { rangeBounds, type DateRange } from './range';

export type Db = Pick<pg.Pool, 'query'>;

export const STARTED_IN_RANGE = 'started_at >= $1::timestamptz AND started_at < $2::timestamptz';

export const SESSIONS_IN_RANGE = `in_range AS (SELECT * FROM clickstream_sessions WHERE ${STARTED_IN_RANGE})`;

/** Runs a report query over `range`; its rows come back as PostgreSQL sent them. */
export async function queryRange<Row extends pg.QueryResultRow>(db: Db, sql: string, range: DateRange): Promise<Row[]> {
  return (await db.query<Row>(sql, rangeBounds(range))).rows;
}
