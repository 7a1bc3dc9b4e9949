import { sharedInspector } from '@/lib/ingest/inspector';
import { createWebIngestHandler } from '@/lib/ingest/web-adapter';

// The in-app ingestion endpoint: a thin adapter over lib/ingest, the same core as the Lambda.
export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

// `next build` fixes NODE_ENV to production: a production build never records for /api/clickstream/inspect.
const inspector = process.env.NODE_ENV === 'production' ? null : sharedInspector();
const handle = createWebIngestHandler(process.env, { wrapSink: inspector?.wrap });

export const POST = handle;
export const OPTIONS = handle;
// Without these, Next.js answers its own empty 405; the core's names the allowed methods, as the Lambda's does.
export const GET = handle;
export const HEAD = handle;
export const PUT = handle;
export const DELETE = handle;
export const PATCH = handle;
