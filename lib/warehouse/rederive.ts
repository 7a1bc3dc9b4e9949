// Sessions a migration queued in clickstream_rederive (0011: the acquisition columns and the analyst
// rule for sessions loaded before it) are derived again from their stored events by the next load.
import type pg from 'pg';
import type { Logger } from '@/lib/ingest/log';
import { refreshDerived } from './derive';

const CHUNK = 5000;

/** Drains the queue, CHUNK sessions per transaction, so a killed run keeps what it finished. Returns how many. */
export async function rederiveQueued(client: pg.PoolClient, log: Logger, chunk = CHUNK): Promise<number> {
  let done = 0;
  for (;;) {
    await client.query('BEGIN');
    try {
      const { rows } = await client.query<{ session_id: string }>(
        'DELETE FROM clickstream_rederive WHERE session_id IN (SELECT session_id FROM clickstream_rederive ORDER BY session_id LIMIT $1) RETURNING session_id',
        [chunk],
      );
      if (rows.length) await refreshDerived(client, { sessionIds: rows.map((r) => r.session_id), clientIds: [] });
      await client.query('COMMIT');
      done += rows.length;
      if (rows.length < chunk) break;
      log('info', `warehouse: ${done} stored sessions derived again so far`);
    } catch (cause) {
      await client.query('ROLLBACK').catch(() => {});
      throw cause;
    }
  }
  if (done) log('info', `warehouse: ${done} stored sessions derived again (landing page, UTM values, channel, analyst rule)`);
  return done;
}
