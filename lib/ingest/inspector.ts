// Event inspection for development (the shape of Snowplow Micro's /micro/good, /micro/bad and
// /micro/reset): the last events the API stored and the ones it rejected, with the reasons, kept in
// memory. It records what the sink is asked to write, so ingestion itself is unchanged; only a
// development server wires it in (app/api/clickstream/route.ts), never a production build.
import type { StoredEvent } from '@/lib/contract/events';
import { jsonResponse, type IngestResponse } from './core';
import { EVENTS_PREFIX, REJECTED_PREFIX } from './layout';
import type { Sink, StoredObject } from './sink';

export type InspectedGood = { key: string; event: StoredEvent };
/** One rejected record as lib/ingest/rejected.ts writes it: the request's facts and each event's reasons. */
export type InspectedBad = { key: string; received_at: string; status: number; error: string | null; rejected: { index: number; event_id: string | null; errors: { field: string; message: string }[]; raw: string | null }[] };

export class EventInspector {
  private good = new Map<string, InspectedGood>();
  private bad: InspectedBad[] = [];

  constructor(private readonly keep = 1000) {}

  /** The sink, recording what it stored; a repeated key is the same event, recorded once. */
  wrap = (sink: Sink): Sink => ({
    write: async (objects: StoredObject[]) => {
      await sink.write(objects);
      for (const object of objects) this.record(object);
    },
  });

  private record({ key, body }: StoredObject) {
    if (key.startsWith(EVENTS_PREFIX) && !this.good.has(key)) this.good.set(key, { key, event: JSON.parse(body) as StoredEvent });
    else if (key.startsWith(REJECTED_PREFIX)) this.bad.push({ key, ...(JSON.parse(body) as Omit<InspectedBad, 'key'>) });
    // Oldest out first: a long session keeps only the latest.
    for (const oldest of this.good.keys()) if (this.good.size > this.keep) this.good.delete(oldest);
    this.bad = this.bad.slice(-this.keep);
  }

  list(clientId: string | null = null) {
    const good = [...this.good.values()].filter((g) => clientId === null || g.event.client_id === clientId);
    const bad = this.bad.filter((b) => clientId === null || b.rejected.some((r) => r.raw?.includes(clientId)));
    return { total: good.length + bad.length, good, bad };
  }

  reset() {
    this.good.clear();
    this.bad = [];
  }
}

/**
 * GET lists `{ total, good, bad }` (`?client_id=` keeps one browser's; `?only=good|bad` one list);
 * DELETE resets. A null inspector (a production build) answers 404, as if the route did not exist.
 */
export function inspectRequest(inspector: EventInspector | null, method: string, url: string): IngestResponse {
  if (!inspector) return jsonResponse(404, { error: 'not found' });
  if (method === 'DELETE') {
    inspector.reset();
    return jsonResponse(200, { total: 0, good: [], bad: [] });
  }
  if (method !== 'GET') return jsonResponse(405, { error: 'only GET and DELETE are supported' }, { allow: 'GET, DELETE' });
  const params = new URL(url).searchParams;
  const { total, good, bad } = inspector.list(params.get('client_id'));
  const only = params.get('only');
  return jsonResponse(200, { total, good: only === 'bad' ? [] : good, bad: only === 'good' ? [] : bad });
}

const KEY = Symbol.for('lumen.clickstream.inspector');

/** One inspector per server process, shared by the ingestion route and the inspection route. */
export function sharedInspector(): EventInspector {
  const holder = globalThis as { [KEY]?: EventInspector };
  return (holder[KEY] ??= new EventInspector());
}
