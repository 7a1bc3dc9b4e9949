import { inspectRequest, sharedInspector } from '@/lib/ingest/inspector';

// Event inspection for `next dev` (docs/testing.md): a thin adapter over lib/ingest/inspector.
// `next build` fixes NODE_ENV to production, so a production build answers 404 whatever its
// environment says at run time; no variable turns it on.
export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

const inspector = process.env.NODE_ENV === 'production' ? null : sharedInspector();

async function handle(request: Request): Promise<Response> {
  const { status, headers, body } = inspectRequest(inspector, request.method, request.url);
  return new Response(body, { status, headers });
}

export const GET = handle;
export const DELETE = handle;
export const POST = handle;
