import { randomUUID } from 'node:crypto';
import { corsFor } from './cors';
import { jsonResponse, type IngestResponse } from './core';
import { clientIpFromForwardedFor } from './network';
import { RateLimiter } from './rate-limit';
import { ingestOnFirstUse, misconfigured, type WrapSink } from './runtime';

function toResponse({ status, headers, body }: IngestResponse): Response {
  return new Response(status === 204 ? null : body, { status, headers });
}

/**
 * With a Content-Length within the limit, Node's HTTP parser cannot deliver more than that, so the
 * body can be read in one go (faster than iterating the stream); otherwise the core reads the
 * stream and stops at the limit. Either way the core reads it, under its deadline.
 */
function bodyOf(request: Request, limit: number): AsyncIterable<Uint8Array> | null {
  if (request.method !== 'POST') return null;
  const declared = Number(request.headers.get('content-length') ?? NaN);
  if (Number.isInteger(declared) && declared >= 0 && declared <= limit) return whole(request);
  return request.body as AsyncIterable<Uint8Array> | null;
}

async function* whole(request: Request): AsyncGenerator<Uint8Array> {
  yield new Uint8Array(await request.arrayBuffer());
}

/**
 * A Web-standard `Request -> Response` handler over the core, for the Next.js route. It adds what
 * only a long-lived server needs: a per-client-IP rate limit. Built on first use, so importing it
 * (as `next build` does) reads no configuration. `wrapSink` is for a development server only.
 */
export function createWebIngestHandler(env: Record<string, string | undefined> = process.env, { wrapSink }: { wrapSink?: WrapSink } = {}) {
  const getIngest = ingestOnFirstUse(env, wrapSink);
  let limiter: RateLimiter | undefined;

  return async function handle(request: Request): Promise<Response> {
    const ingest = getIngest();
    if (!ingest) return toResponse(misconfigured());
    limiter ??= new RateLimiter(ingest.config.rateLimitPerMinute);
    const { headers } = request;
    // Next.js fills X-Forwarded-For with the socket address when no proxy set it.
    const clientIp = clientIpFromForwardedFor(headers.get('x-forwarded-for'), ingest.config.trustForwardedFor);
    if (request.method === 'POST') {
      const retryAfter = limiter.hit(clientIp ?? 'unknown', Date.now());
      if (retryAfter !== null) {
        const cors = corsFor(headers.get('origin'), headers.get('host'), ingest.config.allowedOrigins, false);
        const body = { error: `too many requests from this address; retry after ${retryAfter} s` };
        return toResponse(jsonResponse(429, body, { ...cors.headers, 'retry-after': String(retryAfter) }));
      }
    }
    const response = await ingest.handle({
      method: request.method,
      headers,
      body: bodyOf(request, ingest.config.limits.maxBodyBytes),
      clientIp,
      requestId: randomUUID(),
      receivedAt: new Date(),
    });
    return toResponse(response);
  };
}
