import { createWebInsightsHandler } from '@/lib/insights/web-adapter';

// The in-app insights API: a thin adapter over lib/insights, the same core as the AWS Lambda.
export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

const handle = createWebInsightsHandler();

export async function GET(request: Request, { params }: { params: Promise<{ report: string }> }) {
  return handle(request, (await params).report);
}
