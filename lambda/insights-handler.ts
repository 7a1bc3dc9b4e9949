import type { TokenClaims } from '../lib/ingest/cognito-verifier';
import { describeError, jsonLogger, type Logger } from '../lib/ingest/log';
import { createInsightsHandler, type InsightsResponse } from '../lib/insights/core';
import { REPORT_CONNECTION_OPTIONS } from '../lib/insights/config';
import { liveReaderFromEnv, type LiveReader } from '../lib/insights/live';
import type { Db } from '../lib/insights/sessions-in-range';
import { headerLookup, type HttpApiEvent, type HttpApiResult } from './api-gateway';
import { createIamPool, readDbConfig, type DbConfig } from './db';

// The Lambda behind `GET /insights/{report}`: API Gateway's JWT authorizer has verified the Cognito
// token before this runs, and hands over its claims; the core still requires the analysts group.

/** The parts of the event beyond the ingestion's: the route's path parameter, query and claims. */
export type InsightsEvent = HttpApiEvent & {
  pathParameters?: Record<string, string | undefined>;
  queryStringParameters?: Record<string, string | undefined>;
  requestContext: { authorizer?: { jwt?: { claims?: TokenClaims } } };
};

let db: DbConfig | undefined;
// The live table's reader, kept for the container's life (null: no table, the live report reads the warehouse).
let live: LiveReader | null | undefined;

const toResult = ({ status, headers, body }: InsightsResponse): HttpApiResult => ({ statusCode: status, headers, body });

const MISCONFIGURED: HttpApiResult = {
  statusCode: 500,
  headers: { 'content-type': 'application/json; charset=utf-8' },
  body: JSON.stringify({ error: 'the insights API is misconfigured; see its log' }),
};

export async function handler(event: InsightsEvent): Promise<HttpApiResult> {
  try {
    db ??= readDbConfig();
    if (live === undefined) live = liveReaderFromEnv();
  } catch (cause) {
    jsonLogger('error', 'insights configuration is invalid', describeError(cause));
    return MISCONFIGURED;
  }
  // One pool per request, ended before returning, so an idle store's database can pause.
  const pool = createIamPool(db, { max: 2, connectionTimeoutMillis: 25_000, options: REPORT_CONNECTION_OPTIONS });
  try {
    return await answerInsightsEvent(event, pool, jsonLogger, live ?? undefined);
  } finally {
    await pool.end();
  }
}

/** The adapter itself, over any database (and live table): the event's report, range, CSV choice and claims to the core. */
export async function answerInsightsEvent(event: InsightsEvent, pool: Db, log: Logger = jsonLogger, live?: LiveReader): Promise<HttpApiResult> {
  const claims = event.requestContext.authorizer?.jwt?.claims;
  const handle = createInsightsHandler({
    db: pool,
    // Tokens are verified by API Gateway only; a request that somehow arrives without claims is signed out.
    verifyToken: async () => null,
    log,
    // The 503 advice names the scheduled loader Lambda, not `npm run warehouse:load`.
    runsOn: 'aws',
    live,
  });
  const query = event.queryStringParameters ?? {};
  return toResult(
    await handle({
      report: event.pathParameters?.report ?? '',
      from: query.from ?? null,
      to: query.to ?? null,
      format: query.format ?? null,
      table: query.table ?? null,
      accept: headerLookup(event.headers).get('accept'),
      identity: claims ? { claims } : { token: null },
    }),
  );
}
