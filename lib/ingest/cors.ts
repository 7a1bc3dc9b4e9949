export type CorsDecision = { allowed: boolean; headers: Record<string, string> };

const PREFLIGHT_HEADERS = {
  'access-control-allow-methods': 'POST, OPTIONS',
  'access-control-allow-headers': 'content-type, authorization',
  'access-control-max-age': '600',
};

/**
 * Requests without an Origin (curl, servers) and same-origin requests are always allowed; other
 * origins only when listed. A foreign origin gets no Access-Control-Allow-Origin at all.
 */
export function corsFor(origin: string | null, host: string | null, allowedOrigins: readonly string[], preflight: boolean): CorsDecision {
  if (!origin) return { allowed: true, headers: {} };
  const allowed = allowedOrigins.includes('*') || allowedOrigins.includes(origin) || isSameOrigin(origin, host);
  if (!allowed) return { allowed: false, headers: { vary: 'Origin' } };
  return {
    allowed: true,
    headers: {
      'access-control-allow-origin': origin,
      vary: 'Origin',
      ...(preflight ? PREFLIGHT_HEADERS : {}),
    },
  };
}

function isSameOrigin(origin: string, host: string | null): boolean {
  if (!host) return false;
  try {
    return new URL(origin).host === host.toLowerCase();
  } catch {
    return false;
  }
}
