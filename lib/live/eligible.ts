// Which stream records the live view keeps: what a store owner wants to see live. The consumer
// checks for itself rather than trusting the tracker or the ingestion to have dropped the rest.
import { isbot } from 'isbot';
import { fieldErrors, storedEventSchema, type StoredEvent } from '../contract/events';

export type Verdict = { keep: true; event: StoredEvent } | { keep: false; reason: string };

/** The warehouse's analyst rule (clickstream_is_shopper_path, migration 0011): /insights and under it. */
export const isAnalystPath = (path: string): boolean => path === '/insights' || path.startsWith('/insights/');

export function judge(data: Uint8Array): Verdict {
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder().decode(data));
  } catch {
    return { keep: false, reason: 'not JSON' };
  }
  const parsed = storedEventSchema.safeParse(json);
  if (!parsed.success) {
    const [first] = fieldErrors(parsed.error);
    return { keep: false, reason: `not a stored event: ${first.field} ${first.message}` };
  }
  const event = parsed.data;
  if (isAnalystPath(event.page_path)) return { keep: false, reason: 'an analyst on /insights' };
  if (event.user_agent && isbot(event.user_agent)) return { keep: false, reason: 'a bot user agent' };
  return { keep: true, event };
}
