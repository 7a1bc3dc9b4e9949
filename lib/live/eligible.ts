// Which stream records the live view keeps: what a store owner wants to see live. The consumer
// checks for itself rather than trusting the tracker or the ingestion to have dropped the rest.
import { isbot } from 'isbot';
import type { StoredEvent } from '../contract/events';
import { parseStoredEvent } from '../contract/parse-stored';

export type Verdict = { keep: true; event: StoredEvent } | { keep: false; reason: string };

/** The warehouse's analyst rule (clickstream_is_shopper_path, migration 0011): /insights and under it. */
export const isAnalystPath = (path: string): boolean => path === '/insights' || path.startsWith('/insights/');

export function judge(data: Uint8Array): Verdict {
  const { event, error } = parseStoredEvent(new TextDecoder().decode(data));
  if (!event) return { keep: false, reason: error };
  if (isAnalystPath(event.page_path)) return { keep: false, reason: 'an analyst on /insights' };
  if (event.user_agent && isbot(event.user_agent)) return { keep: false, reason: 'a bot user agent' };
  return { keep: true, event };
}
