import type { Logger } from '../ingest/log';
import { bearerToken, type InsightsResponse } from './core';
import { insightsOnFirstUse } from './runtime';

const toResponse = ({ status, headers, body }: InsightsResponse) => new Response(body, { status, headers });

/** A Web-standard `(Request, report) -> Response` handler over the core, for the Next.js route. */
export function createWebInsightsHandler(env: Record<string, string | undefined> = process.env, log?: Logger) {
  const getInsights = insightsOnFirstUse(env, log);
  return async function handle(request: Request, report: string): Promise<Response> {
    const insights = getInsights();
    if (!insights) {
      return toResponse({ status: 500, headers: { 'content-type': 'application/json; charset=utf-8' }, body: JSON.stringify({ error: 'the insights API is misconfigured; see the server log' }) });
    }
    const query = new URL(request.url).searchParams;
    return toResponse(
      await insights.handle({
        report, from: query.get('from'), to: query.get('to'), format: query.get('format'), table: query.get('table'),
        accept: request.headers.get('accept'), identity: { token: bearerToken(request.headers.get('authorization')) },
      }),
    );
  };
}
