import { createWebIngestHandler } from '@/lib/ingest/web-adapter';

// The in-app ingestion endpoint: a thin adapter over lib/ingest, the same core as the Lambda.
export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

const handle = createWebIngestHandler();

export const POST = handle;
export const OPTIONS = handle;
// Without these, Next.js answers its own empty 405; the core's names the allowed methods, as the Lambda's does.
export const GET = handle;
export const HEAD = handle;
export const PUT = handle;
export const DELETE = handle;
export const PATCH = handle;
