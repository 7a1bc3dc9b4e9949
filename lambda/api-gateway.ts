/** The parts of an API Gateway HTTP API (payload format 2.0) event and result that the adapter uses. */
export type HttpApiEvent = {
  version: string;
  rawPath?: string;
  headers?: Record<string, string | undefined>;
  body?: string;
  isBase64Encoded?: boolean;
  requestContext: {
    // The context carries more (accountId, apiId, stage, ...) that the adapter does not need.
    [key: string]: unknown;
    requestId: string;
    timeEpoch?: number;
    http: { method: string; path?: string; protocol?: string; sourceIp?: string; userAgent?: string };
  };
};

export type HttpApiResult = { statusCode: number; headers: Record<string, string>; body: string };

/** Case-insensitive lookup over the event's headers (API Gateway lowercases them, tests may not). */
export function headerLookup(headers: Record<string, string | undefined> = {}) {
  const lower = new Map(Object.entries(headers).map(([name, value]) => [name.toLowerCase(), value]));
  return { get: (name: string) => lower.get(name.toLowerCase()) ?? null };
}

/** The body as bytes: API Gateway base64-encodes bodies it does not consider text. */
export function eventBody(event: HttpApiEvent): Uint8Array | null {
  if (event.body == null) return null;
  return event.isBase64Encoded ? Buffer.from(event.body, 'base64') : Buffer.from(event.body, 'utf8');
}
