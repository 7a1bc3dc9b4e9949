import { createWebIngestHandler } from '@/lib/ingest/web-adapter';

// The in-app ingestion endpoint: a thin adapter over lib/ingest, the same core as the Lambda.
export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

const handle = createWebIngestHandler();

export const POST = handle;
export const OPTIONS = handle;
