// The layout at rest (docs/ingestion.md, "At rest"): one object per event, keyed by the UTC date of receipt.
// event_id is a validated UUID, so it is safe inside a path or an S3 key.

// The two prefixes the store writes under: the deployed Lambda may write nowhere else.
export const EVENTS_PREFIX = 'events/';
export const REJECTED_PREFIX = 'rejected/';

function datePath(now: Date): string {
  const iso = now.toISOString();
  return `${iso.slice(0, 4)}/${iso.slice(5, 7)}/${iso.slice(8, 10)}`;
}

export function eventKey(eventId: string, receivedAt: Date): string {
  return `${EVENTS_PREFIX}${datePath(receivedAt)}/event-${eventId}.json`;
}

export function rejectedKey(requestId: string, receivedAt: Date): string {
  // Request ids may come from a proxy: keep only characters that are safe in a file name.
  const safeId = requestId.replace(/[^A-Za-z0-9_-]/g, '_').slice(0, 100) || 'unknown';
  return `${REJECTED_PREFIX}${datePath(receivedAt)}/rejected-${receivedAt.getTime()}-${safeId}.json`;
}
