import type { IngestResponse } from '../lib/ingest/core';
import { ingestOnFirstUse, misconfigured } from '../lib/ingest/runtime';
import { eventBody, headerLookup, type HttpApiEvent, type HttpApiResult } from './api-gateway';

// The Lambda behind `POST /clickstream`: the same core as the Next.js route, writing to S3.
// Configuration (CLICKSTREAM_S3_BUCKET, CLICKSTREAM_ALLOWED_ORIGINS, CLICKSTREAM_COGNITO_*) is read
// once per container, on the first request.
let getIngest = ingestOnFirstUse();

function toResult({ status, headers, body }: IngestResponse): HttpApiResult {
  return { statusCode: status, headers, body };
}

export async function handler(event: HttpApiEvent): Promise<HttpApiResult> {
  const ingest = getIngest();
  if (!ingest) return toResult(misconfigured());
  const { requestContext } = event;
  return toResult(
    await ingest.handle({
      method: requestContext.http.method,
      headers: headerLookup(event.headers),
      body: eventBody(event),
      // API Gateway's view of the caller, which the caller cannot forge (unlike X-Forwarded-For).
      clientIp: requestContext.http.sourceIp ?? null,
      requestId: requestContext.requestId,
      receivedAt: new Date(requestContext.timeEpoch ?? Date.now()),
    }),
  );
}

/** Forgets the cached configuration; tests use it to run the handler under different settings. */
export function resetHandlerForTests(): void {
  getIngest = ingestOnFirstUse();
}
