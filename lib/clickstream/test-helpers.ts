// Shared by the tracker's unit and component tests: a scripted endpoint that records what it got.
import { vi } from 'vitest';
import type { WireEvent } from '@/lib/contract/events';

export type Sent = { events: WireEvent[]; authorization: string | null; keepalive: boolean; at: number };
type Reply = number | 'offline' | { status: number; headers?: Record<string, string>; rejectIds?: string[] };

/** Answers each request with the next reply (the last one repeats); 202 accepting everything by default. */
export function scriptedEndpoint(...replies: Reply[]) {
  const sent: Sent[] = [];
  const fetchMock = vi.fn(async (_url: string | URL | Request, init?: RequestInit) => {
    const reply = replies.length > 1 ? replies.shift()! : (replies[0] ?? 202);
    if (reply === 'offline') throw new TypeError('Failed to fetch');
    const { status, headers, rejectIds = [] } = typeof reply === 'number' ? { status: reply } : reply;
    const events = (JSON.parse(String(init?.body)) as { events: WireEvent[] }).events;
    const h = new Headers(init?.headers);
    sent.push({ events, authorization: h.get('authorization'), keepalive: init?.keepalive === true, at: Date.now() });
    const ids = events.map((e) => e.event_id);
    const body = {
      accepted: ids.filter((id) => !rejectIds.includes(id)),
      rejected: ids.flatMap((id, index) => (rejectIds.includes(id) ? [{ index, event_id: id, errors: [] }] : [])),
    };
    return new Response(JSON.stringify(body), { status, headers });
  });
  vi.stubGlobal('fetch', fetchMock);
  const events = () => sent.flatMap((s) => s.events);
  return {
    fetchMock,
    sent,
    /** Every event put on the wire, in order, duplicates included. */
    events,
    /** The same, for one event name. */
    named: (name: string) => events().filter((e) => e.event_name === name),
  };
}

export function resetBrowserState() {
  localStorage.clear();
  document.cookie.split('; ').forEach((c) => {
    document.cookie = `${c.split('=')[0]}=; expires=Thu, 01 Jan 1970 00:00:00 GMT; path=/`;
  });
}

export const noToken = {
  tokenFor: async () => undefined,
  cachedTokenFor: () => undefined,
};
