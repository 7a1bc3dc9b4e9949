// The page's one way to the insights API: the signed-in analyst's ID token as a bearer, the range as `from`/`to`.
import { currentIdToken } from '@/lib/auth/client';
import type { Range } from './range';

const ENDPOINT = (process.env.NEXT_PUBLIC_INSIGHTS_ENDPOINT || '/api/insights').replace(/\/$/, '');

export class ReportError extends Error {
  constructor(readonly status: number, message: string) {
    super(message);
  }
}

/** The API's answer for `report` over `range` (none for `live`); an error carries the status and the API's reason. */
export async function requestReport(report: string, range: Range | null, extra = ''): Promise<Response> {
  const token = await currentIdToken();
  if (!token) throw new ReportError(401, 'your session has ended');
  const url = `${ENDPOINT}/${report}?${range ? `from=${range.from}&to=${range.to}` : ''}${extra}`;
  const response = await fetch(url, { headers: { authorization: `Bearer ${token}` }, cache: 'no-store' }).catch(() => {
    throw new ReportError(0, 'the insights API could not be reached');
  });
  if (!response.ok) {
    const body = await response.json().catch(() => ({}));
    throw new ReportError(response.status, typeof body.error === 'string' ? body.error : `HTTP ${response.status}`);
  }
  return response;
}
