import type { TokenClaims } from '../ingest/cognito-verifier';
import { describeError, type Logger } from '../ingest/log';
import { chooseTable, csvFileName, tableKeys, toCsv, wantsCsv } from './csv';
import { LIVE_REPORT, LIVE_TABLE_UNREACHABLE, liveTableTrouble, warehouseLive, type LiveReader } from './live';
import { parseRange, type DateRange } from './range';
import { REPORT_NAMES, REPORTS, isReportName } from './reports';
import type { Db } from './sessions-in-range';

/**
 * Who asks: a bearer token still to verify (the Next route), or claims that API Gateway's JWT
 * authorizer has already verified (the Lambda). Both then pass the same group check.
 */
export type Identity = { token: string | null } | { claims: TokenClaims };

/** What an adapter hands the core: nothing here is specific to Next.js or Lambda. */
export type InsightsRequest = {
  report: string;
  from: string | null;
  to: string | null;
  identity: Identity;
  /** CSV instead of JSON: `format=csv`, or an Accept header naming text/csv; `table` picks one of several. */
  format?: string | null;
  table?: string | null;
  accept?: string | null;
};
export type InsightsResponse = { status: number; headers: Record<string, string>; body: string };

export type InsightsDeps = {
  db: Db;
  /** null when sign-in is not configured. */
  verifyToken: ((token: string) => Promise<TokenClaims | null>) | null;
  log: Logger;
  /** Where the API runs, for the advice of a 503: `local` (npm run dev and warehouse:load, the default) or `aws`. */
  runsOn?: RunsOn;
  /** Where the `live` report reads: the live table when one is configured; default the warehouse. */
  live?: LiveReader;
  now?: () => Date;
};

export type RunsOn = 'local' | 'aws';

// What to do about a warehouse that cannot answer, where the store owner can do it: on AWS the
// loader is a scheduled Lambda (infra/lib/warehouse-loader.ts) and the database Aurora Serverless.
export const WAREHOUSE_ADVICE: Record<RunsOn, { noTables: string; unreachable: string }> = {
  local: {
    noTables: 'the warehouse has no tables yet: run `npm run warehouse:load` once (`npm run dev` does it)',
    unreachable: 'the warehouse database is not reachable right now; the reports are back once it is (is `npm run dev` running?)',
  },
  aws: {
    noTables: 'the warehouse has no tables yet: the scheduled loader Lambda creates them on its first run (every few minutes; to run it now, invoke the LoaderFunctionName of the LumenAnalytics stack, and see LoaderLogGroup if it fails)',
    unreachable: 'the warehouse database is not reachable right now (Aurora may be resuming from a pause); try again in a minute, and see InsightsLogGroup of the LumenAnalytics stack if it lasts',
  },
};

export const ANALYSTS_GROUP = 'analysts';

type Outcome = { status: number; body: unknown; dbMs?: number; csv?: { text: string; fileName: string } };

const fail = (status: number, error: string): Outcome => ({ status, body: { error } });

export const bearerToken = (authorization: string | null): string | null => /^Bearer\s+(\S+)$/i.exec(authorization ?? '')?.[1] ?? null;

/**
 * `cognito:groups` as Cognito puts it in a token (an array) or as API Gateway hands JWT claims to a
 * Lambda (one string, "[analysts editors]").
 */
export function groupsOf(claims: TokenClaims): string[] {
  const groups = claims['cognito:groups'];
  if (Array.isArray(groups)) return groups.filter((g): g is string => typeof g === 'string');
  if (typeof groups === 'string') return groups.replace(/^\[|\]$/g, '').split(/[\s,]+/).filter(Boolean);
  return [];
}

/** Step 2 of sign-in, shared by every adapter: the verified user must be an analyst. */
export function requireAnalyst(claims: TokenClaims): Outcome | null {
  if (groupsOf(claims).includes(ANALYSTS_GROUP)) return null;
  return fail(403, `this account is not in the ${ANALYSTS_GROUP} group, which the insights reports require`);
}

/** Step 1, for adapters that receive the raw token: verified claims, or why not. */
async function authenticate(identity: Identity, deps: InsightsDeps): Promise<{ claims: TokenClaims } | { denied: Outcome }> {
  if ('claims' in identity) return { claims: identity.claims };
  if (!deps.verifyToken) {
    return { denied: fail(503, 'sign-in is not configured: set CLICKSTREAM_COGNITO_ISSUER (an emulator) or CLICKSTREAM_COGNITO_USER_POOL_ID, with CLICKSTREAM_COGNITO_CLIENT_ID') };
  }
  if (!identity.token) return { denied: fail(401, 'sign in as an analyst: send Authorization: Bearer <Cognito ID or access token>') };
  const claims = await deps.verifyToken(identity.token);
  return claims ? { claims } : { denied: fail(401, 'the token is not valid (expired, or not from this store\'s sign-in)') };
}

// Errors that mean the database cannot be reached or used right now, rather than a fault in a query:
// Node's network errors, pg's connect timeout, and SQLSTATE classes 08, 28, 3D, 53 and 57.
const UNAVAILABLE = /^(ECONNREFUSED|ECONNRESET|ENOTFOUND|ETIMEDOUT|EHOSTUNREACH|EAI_AGAIN|08|28|3D|53|57)/;
function isUnavailable(error: unknown): boolean {
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  return (typeof code === 'string' && UNAVAILABLE.test(code)) || /timeout exceeded when trying to connect|Connection terminated/i.test(String(message));
}

/** Builds the request handler shared by the Next.js route and the Lambda. */
export function createInsightsHandler(deps: InsightsDeps) {
  async function answer(request: InsightsRequest): Promise<Outcome> {
    const signedIn = await authenticate(request.identity, deps);
    if ('denied' in signedIn) return signedIn.denied;
    const denied = requireAnalyst(signedIn.claims);
    if (denied) return denied;
    if (request.report === LIVE_REPORT) return live(request);
    if (!isReportName(request.report)) return fail(404, `no report named "${request.report}"; the reports are ${[...REPORT_NAMES, LIVE_REPORT].join(', ')}`);
    const range = parseRange({ from: request.from, to: request.to });
    if (!range.ok) return fail(400, range.error);
    const format = wantsCsv(request.format ?? null, request.accept ?? null);
    if ('error' in format) return fail(400, format.error);
    const { schema, run } = REPORTS[request.report];
    const tables = tableKeys(schema);
    const table = format.csv ? chooseTable(request.report, tables, request.table ?? null) : { table: null };
    if ('error' in table) return fail(400, table.error);
    return guarded(async () => {
      const started = performance.now();
      const body = await run(deps.db, range.range);
      const dbMs = performance.now() - started;
      if (!format.csv) return { status: 200, body, dbMs };
      return { status: 200, body: null, dbMs, csv: csvOf(request.report, schema, body, table.table, tables.length, range.range) };
    });
  }

  // The live report takes no range and has one answer of figures, not tables: JSON only.
  async function live(request: InsightsRequest): Promise<Outcome> {
    const format = wantsCsv(request.format ?? null, null);
    if ('error' in format || format.csv) return fail(400, 'the live report answers JSON only');
    const read = deps.live ?? warehouseLive(deps.db);
    return guarded(async () => {
      const started = performance.now();
      const body = await read(deps.now?.() ?? new Date());
      return { status: 200, body, dbMs: performance.now() - started };
    }, deps.live ? LIVE_TABLE_UNREACHABLE : undefined);
  }

  /** `unreachable`: the words of a 503 when the source cannot be reached; default the warehouse's. */
  async function guarded(run: () => Promise<Outcome>, unreachable?: string): Promise<Outcome> {
    try {
      return await run();
    } catch (error) {
      const advice = WAREHOUSE_ADVICE[deps.runsOn ?? 'local'];
      // The API only reads: the loader creates and migrates the tables (42P01: no such table yet).
      if ((error as { code?: unknown }).code === '42P01') return fail(503, advice.noTables);
      const trouble = liveTableTrouble(error);
      if (trouble) return fail(503, trouble);
      if (!isUnavailable(error)) throw error;
      deps.log('error', 'insights database unavailable', describeError(error));
      return fail(503, unreachable ?? advice.unreachable);
    }
  }

  function csvOf(report: string, schema: Parameters<typeof toCsv>[0], body: unknown, table: string | null, tables: number, range: DateRange) {
    return { text: toCsv(schema, body, table), fileName: csvFileName(report, table, tables, range) };
  }

  return async function handle(request: InsightsRequest): Promise<InsightsResponse> {
    const started = performance.now();
    const outcome = await answer(request).catch((error: unknown): Outcome => {
      deps.log('error', 'insights report failed', { report: request.report, ...describeError(error) });
      return fail(500, 'internal error');
    });
    const total = performance.now() - started;
    deps.log(outcome.status >= 500 ? 'error' : 'info', 'insights request', { report: request.report, status: outcome.status, duration_ms: Math.round(total) });
    const challenge: Record<string, string> = outcome.status === 401 ? { 'www-authenticate': 'Bearer' } : {};
    const timing = [`total;dur=${total.toFixed(1)}`, ...(outcome.dbMs === undefined ? [] : [`db;dur=${outcome.dbMs.toFixed(1)}`])];
    // The same URL answers JSON or CSV by its Accept header: caches must tell them apart.
    const common = { 'cache-control': 'private, no-store', 'server-timing': timing.join(', '), vary: 'accept', ...challenge };
    if (outcome.csv) {
      return {
        status: outcome.status,
        headers: { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': `attachment; filename="${outcome.csv.fileName}"`, ...common },
        body: outcome.csv.text,
      };
    }
    return { status: outcome.status, headers: { 'content-type': 'application/json; charset=utf-8', ...common }, body: JSON.stringify(outcome.body) };
  };
}
