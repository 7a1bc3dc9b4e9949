// What went to the ingestion API from a test: the browser context's requests (and their answers)
// and the events a test posts itself. Playwright reads string bodies only, which the tracker sends.
import type { APIRequestContext, APIResponse, BrowserContext, Request } from '@playwright/test';
import type { FieldError } from '../../lib/contract/events';

/** One request to the ingestion API, as it left and as it was answered. */
export type WireRequest = {
  url: string;
  /** The raw events of the body: one event object, or the envelope's `events`. */
  events: unknown[];
  authorization: string | null;
  authToken: string | null;
  contentType: string;
  /** Undefined while in flight; `status: 0` when it never got an answer (offline, aborted). */
  response?: { status: number; accepted: string[]; rejected: { index: number; event_id: string | null; errors: FieldError[] }[]; error: string | null };
};

/** An event (or a whole request) the API refused, with its reasons. */
export type Rejection = { status: number; index: number | null; event_id: string | null; event_name: string | null; errors: FieldError[]; error: string | null };

// A 4xx refuses the request for good; 408, 429 and 5xx ask the tracker to try again later.
const refusesWhole = (status: number) => status >= 400 && status < 500 && status !== 408 && status !== 429;

// The in-app endpoint and a deployed one (API Gateway's `.../clickstream`) alike.
const isIngest = (method: string, url: string) => method === 'POST' && /\/clickstream$/.test(new URL(url).pathname);

function eventsOf(body: string | null): { events: unknown[]; authToken: string | null } {
  try {
    const json = JSON.parse(body ?? 'null') as unknown;
    if (typeof json !== 'object' || json === null || Array.isArray(json)) return { events: [], authToken: null };
    const envelope = json as { events?: unknown; auth_token?: unknown };
    if (!('events' in envelope)) return { events: [json], authToken: null };
    return { events: Array.isArray(envelope.events) ? envelope.events : [], authToken: typeof envelope.auth_token === 'string' ? envelope.auth_token : null };
  } catch {
    return { events: [], authToken: null };
  }
}

async function answerOf(status: number, text: () => Promise<string>): Promise<NonNullable<WireRequest['response']>> {
  const body = await text().then((t) => JSON.parse(t) as Record<string, unknown>, () => ({}) as Record<string, unknown>);
  return {
    status,
    accepted: Array.isArray(body.accepted) ? (body.accepted as string[]) : [],
    rejected: Array.isArray(body.rejected) ? (body.rejected as NonNullable<WireRequest['response']>['rejected']) : [],
    error: typeof body.error === 'string' ? body.error : null,
  };
}

export class Wire {
  readonly requests: WireRequest[] = [];
  private readonly pending = new Set<Promise<unknown>>();

  private record(url: string, headers: Record<string, string>, body: string | null): WireRequest {
    const { events, authToken } = eventsOf(body);
    const request: WireRequest = { url, events, authToken, authorization: headers.authorization ?? null, contentType: headers['content-type'] ?? '' };
    this.requests.push(request);
    return request;
  }

  /** Records every request to the ingestion API from this context, in all its tabs. */
  watch(context: BrowserContext) {
    const byRequest = new Map<Request, WireRequest>();
    context.on('request', (r) => {
      if (isIngest(r.method(), r.url())) byRequest.set(r, this.record(r.url(), r.headers(), r.postData()));
    });
    context.on('requestfinished', (r) => {
      const request = byRequest.get(r);
      if (!request) return;
      const answered = r.response().then((response) =>
        response ? answerOf(response.status(), () => response.text()) : answerOf(0, () => Promise.reject(new Error('no answer'))),
      );
      const done = answered.then((answer) => void (request.response = answer), () => void (request.response = { status: 0, accepted: [], rejected: [], error: 'answer lost' }));
      this.pending.add(done);
      void done.finally(() => this.pending.delete(done));
    });
    context.on('requestfailed', (r) => {
      const request = byRequest.get(r);
      if (request) request.response = { status: 0, accepted: [], rejected: [], error: r.failure()?.errorText ?? 'request failed' };
    });
  }

  /** Posts a body to the API as a test's own client would, and records it like the browser's requests. */
  async send(api: APIRequestContext, url: string, body: unknown, headers: Record<string, string> = {}): Promise<APIResponse> {
    const text = typeof body === 'string' ? body : JSON.stringify(body);
    const all = { 'content-type': 'application/json', ...Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v])) };
    const request = this.record(url, all, text);
    const response = await api.post(url, { headers: all, data: text });
    request.response = await answerOf(response.status(), () => response.text());
    return response;
  }

  /** Lets answers already on their way be read, so `rejected()` sees them. */
  async settle() {
    await Promise.all([...this.pending]);
  }

  rejected(): Rejection[] {
    return this.requests.flatMap(({ events, response }): Rejection[] => {
      if (!response || (!refusesWhole(response.status) && !response.rejected.length)) return [];
      const name = (index: number) => {
        const value = (events[index] as { event_name?: unknown } | undefined)?.event_name;
        return typeof value === 'string' ? value : null;
      };
      if (!response.rejected.length) return [{ status: response.status, index: null, event_id: null, event_name: null, errors: [], error: response.error }];
      return response.rejected.map((r) => ({ status: response.status, index: r.index, event_id: r.event_id, event_name: name(r.index), errors: r.errors, error: response.error }));
    });
  }

  /** Whether the API refused the event at `index` of this request. */
  static refused(request: WireRequest, index: number): boolean {
    const { response } = request;
    return !!response && (refusesWhole(response.status) || response.rejected.some((r) => r.index === index));
  }
}
