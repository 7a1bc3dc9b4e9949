import type { RequestFacts } from './enrich';
import type { IngestLimits } from './limits';
import { rejectedKey } from './layout';
import type { StoredObject } from './sink';
import { nestsDeeperThan, type EventRejection } from './validate';

export type RejectedContext = RequestFacts & { status: number; error: string | null; origin: string | null };

/** Counts the bytes of rejected records kept today by this process, so bad traffic cannot fill the store. */
export class RejectedBudget {
  private day = '';
  private used = 0;

  constructor(private readonly bytesPerDay: number) {}

  take(bytes: number, now: Date): boolean {
    const day = now.toISOString().slice(0, 10);
    if (day !== this.day) {
      this.day = day;
      this.used = 0;
    }
    if (this.used + bytes > this.bytesPerDay) return false;
    this.used += bytes;
    return true;
  }
}

const MAX_BODY_EXCERPT = 2048;

/**
 * One diagnosis record for a request that had rejected events (or was rejected whole): the
 * reasons, the request metadata and the raw events cut to fit `maxRejectedRecordBytes`.
 */
export function rejectedRecord(
  context: RejectedContext,
  rejections: { rejection: EventRejection; raw: unknown }[],
  body: Uint8Array | null,
  limits: IngestLimits,
): StoredObject {
  const perEvent = Math.max(256, Math.floor((limits.maxRejectedRecordBytes * 0.75) / Math.max(1, rejections.length)));
  const record = {
    request_id: context.requestId,
    received_at: context.receivedAt.toISOString(),
    status: context.status,
    error: context.error,
    source_ip: context.sourceIp,
    user_agent: context.userAgent?.slice(0, 512) ?? null,
    origin: context.origin?.slice(0, 512) ?? null,
    country: context.country,
    body_excerpt: body && Buffer.from(body.subarray(0, MAX_BODY_EXCERPT)).toString('utf8'),
    rejected: rejections.map(({ rejection, raw }) => ({
      ...rejection,
      errors: rejection.errors.slice(0, 20),
      // An event too deep to serialise keeps only its reasons.
      raw: nestsDeeperThan(raw, limits.maxEventDepth) ? null : (JSON.stringify(raw) ?? '').slice(0, perEvent),
    })),
  };
  const fits = (text: string) => Buffer.byteLength(text) <= limits.maxRejectedRecordBytes;
  let text = JSON.stringify(record);
  if (!fits(text)) {
    // Too big even with cut-down raw events: drop the raw events, then keep only the first rejections.
    let kept = record.rejected.map((entry) => ({ ...entry, raw: null }));
    for (;;) {
      text = JSON.stringify({ ...record, body_excerpt: null, rejected: kept, truncated: true });
      if (fits(text) || !kept.length) break;
      kept = kept.slice(0, Math.floor(kept.length / 2));
    }
  }
  return { key: rejectedKey(context.requestId, context.receivedAt), body: text };
}
