import type { StoredEvent } from '@/lib/contract/events';
import { BodyTimeoutError, BodyTooLargeError, readBody, type BodySource } from './body';
import type { TrustedFront } from './config';
import { corsFor } from './cors';
import { countryFrom, enrich, parseUserAgent, type RequestFacts } from './enrich';
import { eventKey } from './layout';
import type { IngestLimits } from './limits';
import { describeError, type Logger } from './log';
import { anonymiseIp } from './network';
import { RejectedBudget, rejectedRecord } from './rejected';
import type { Sink } from './sink';
import { checkEvent, parseBatch, type EventRejection } from './validate';
import type { TokenVerifier } from './verifier';

/** What an adapter hands the core: nothing here is specific to Next.js or Lambda. */
export type IngestRequest = {
  method: string;
  headers: { get(name: string): string | null };
  body: BodySource;
  clientIp: string | null;
  requestId: string;
  receivedAt: Date;
};
export type IngestResponse = { status: number; headers: Record<string, string>; body: string };

export type IngestDeps = {
  sink: Sink;
  verifier: TokenVerifier | null;
  allowedOrigins: readonly string[];
  limits: IngestLimits;
  log: Logger;
  /** Whose viewer headers to believe; none by default, since any client can send CloudFront-Viewer-Country. */
  trustedFront?: TrustedFront | null;
};

type Outcome = { status: number; body: Record<string, unknown> };

/** Seconds a client is asked to wait after a 503 (the store refused the events) before it sends them again. */
export const STORE_RETRY_AFTER_SECONDS = 1;

const JSON_TYPES = /^(application\/json|text\/plain)\s*(;|$)/i;

export function jsonResponse(status: number, body: unknown, headers: Record<string, string> = {}): IngestResponse {
  return {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', ...headers },
    body: status === 204 ? '' : JSON.stringify(body),
  };
}

/** Builds the request handler shared by the Next.js route and the Lambda. */
export function createIngestHandler(deps: IngestDeps) {
  const budget = new RejectedBudget(deps.limits.maxRejectedBytesPerDay);

  return async function handle(request: IngestRequest): Promise<IngestResponse> {
    const started = Date.now();
    const origin = request.headers.get('origin');
    const method = request.method.toUpperCase();
    const cors = corsFor(origin, request.headers.get('host'), deps.allowedOrigins, method === 'OPTIONS');
    let outcome: Outcome;
    if (method === 'OPTIONS') {
      outcome = { status: 204, body: {} };
    } else if (method !== 'POST') {
      outcome = { status: 405, body: { error: 'only POST and OPTIONS are supported' } };
    } else if (!cors.allowed) {
      outcome = { status: 403, body: { error: `origin ${origin} is not allowed to send events` } };
    } else {
      outcome = await ingest(request, deps, budget).catch((cause: unknown) => {
        deps.log('error', 'clickstream request failed', { request_id: request.requestId, ...describeError(cause) });
        return { status: 500, body: { error: 'internal error; retry later with the same event_id values' } };
      });
    }
    // A 408's unread body is not wanted: closing the connection frees it from a slow client. A 503
    // is a store that refused or throttled: the tracker waits as Retry-After says before it retries.
    const extra: Record<string, string> =
      outcome.status === 405 ? { allow: 'POST, OPTIONS' } : outcome.status === 408 ? { connection: 'close' } : outcome.status === 503 ? { 'retry-after': String(STORE_RETRY_AFTER_SECONDS) } : {};
    deps.log(outcome.status >= 500 ? 'error' : 'info', 'clickstream request', {
      request_id: request.requestId,
      method,
      status: outcome.status,
      origin,
      accepted: Array.isArray(outcome.body.accepted) ? outcome.body.accepted.length : 0,
      rejected: Array.isArray(outcome.body.rejected) ? outcome.body.rejected.length : 0,
      error: outcome.body.error ?? null,
      duration_ms: Date.now() - started,
    });
    return jsonResponse(outcome.status, outcome.body, { ...cors.headers, ...extra });
  };
}

async function ingest(request: IngestRequest, deps: IngestDeps, budget: RejectedBudget): Promise<Outcome> {
  const { headers, receivedAt, requestId } = request;
  const facts: RequestFacts = {
    receivedAt,
    requestId,
    sourceIp: anonymiseIp(request.clientIp),
    userAgent: headers.get('user-agent'),
    country: deps.trustedFront === 'cloudfront' ? countryFrom(headers.get('cloudfront-viewer-country')) : null,
    verifiedSub: null,
  };
  // Never throws: a rejected record that cannot be kept is logged, not failed.
  const keepRejected = async (status: number, error: string | null, rejections: { rejection: EventRejection; raw: unknown }[], body: Uint8Array | null) => {
    const record = rejectedRecord({ ...facts, status, error, origin: headers.get('origin') }, rejections, body, deps.limits);
    if (!budget.take(Buffer.byteLength(record.body), receivedAt)) return;
    try {
      await deps.sink.write([record]);
    } catch (cause) {
      deps.log('warn', 'could not keep rejected events', { request_id: requestId, ...describeError(cause) });
    }
  };

  const contentType = headers.get('content-type');
  if (contentType && !JSON_TYPES.test(contentType)) {
    return { status: 415, body: { error: 'content-type must be application/json or text/plain' } };
  }
  const maxBody = deps.limits.maxBodyBytes;
  const declared = Number(headers.get('content-length'));
  let body: Uint8Array;
  try {
    if (declared > maxBody) throw new BodyTooLargeError(maxBody);
    body = await readBody(request.body, maxBody, deps.limits.bodyTimeoutMs);
  } catch (cause) {
    if (!(cause instanceof BodyTooLargeError || cause instanceof BodyTimeoutError)) throw cause;
    const [status, error] = cause instanceof BodyTimeoutError ? [408, cause.message] : [413, `request body is over the ${maxBody}-byte limit`];
    await keepRejected(status, error, [], null);
    return { status, body: { error } };
  }

  const batch = parseBatch(body);
  if (!batch.ok) {
    await keepRejected(400, batch.error, [], body);
    return { status: 400, body: { error: batch.error, accepted: [], rejected: [] } };
  }

  const bearer = /^Bearer\s+(\S+)$/i.exec(headers.get('authorization') ?? '')?.[1] ?? batch.authToken;
  if (bearer && deps.verifier) facts.verifiedSub = await deps.verifier.verify(bearer);

  const agent = parseUserAgent(facts.userAgent);
  const eventTimestamp = receivedAt.toISOString();
  const stored = new Map<string, StoredEvent>();
  const accepted: string[] = [];
  const rejections: { rejection: EventRejection; raw: unknown }[] = [];
  batch.events.forEach((raw, index) => {
    const check = checkEvent(raw, index, deps.limits);
    if (!check.ok) return void rejections.push({ rejection: check.rejection, raw });
    // A repeated event_id in one batch is the same event: keep one copy, acknowledge each.
    stored.set(check.event.event_id, enrich(check.event, facts, agent, eventTimestamp));
    accepted.push(check.event.event_id);
  });

  const rejected = rejections.map(({ rejection }) => rejection);
  const keeping = rejections.length ? keepRejected(accepted.length ? 202 : 400, null, rejections, null) : undefined;
  if (stored.size) {
    const objects = [...stored.values()].map((event) => ({ key: eventKey(event.event_id, receivedAt), body: JSON.stringify(event) }));
    try {
      await deps.sink.write(objects);
    } catch (cause) {
      deps.log('error', 'event store failed', { request_id: requestId, events: stored.size, ...describeError(cause) });
      return { status: 503, body: { error: 'events could not be stored; retry later with the same event_id values' } };
    }
  }
  await keeping;
  if (!accepted.length) return { status: 400, body: { error: 'every event was rejected', accepted, rejected } };
  return { status: 202, body: { accepted, rejected } };
}
