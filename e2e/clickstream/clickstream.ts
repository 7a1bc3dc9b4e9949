// One test's clickstream: its events on the wire and at rest, each checked against the contract,
// seen only through the test's own client ids (a fresh browser context has a fresh client_id).
import { isDeepStrictEqual } from 'node:util';
import type { APIRequestContext, APIResponse, BrowserContext } from '@playwright/test';
import type { StoredEvent, WireEvent } from '../../lib/contract/events';
import { storedSince } from './at-rest';
import { contractErrors, differences, label, matches, showDifferences, type EventFilter } from './match';
import { Wire, type Rejection, type WireRequest } from './wire';

export type KitOptions = { api: APIRequestContext; endpoint: string; dataDir: string | null; startedAt: Date };
export type Placed<T> = { event: T; place: number };

const idOf = (raw: unknown) => String((raw as { event_id?: unknown })?.event_id ?? '').toLowerCase();

export class ClickstreamLog {
  private readonly wire = new Wire();

  constructor(readonly options: KitOptions) {}

  /** Also records another browser context's requests (the fixture records the test's own `context`). */
  watch(context: BrowserContext) {
    this.wire.watch(context);
  }

  /** Whether events are read at rest too; false against a deployed preview (wire only). */
  get atRest(): boolean {
    return this.options.dataDir !== null;
  }

  /** Every request to the ingestion API so far, with its headers and the API's answer. */
  requests(): WireRequest[] {
    return [...this.wire.requests];
  }

  /** The client ids this test's events carry, in the order they first went out. */
  clientIds(): string[] {
    const ids = this.wire.requests.flatMap((r) => r.events.map((e) => (e as { client_id?: unknown })?.client_id));
    return [...new Set(ids.filter((id): id is string => typeof id === 'string').map((id) => id.toLowerCase()))];
  }

  /** Events on the wire, each once in the order it first went out, checked against the contract. */
  events(filter: EventFilter = {}): WireEvent[] {
    return this.sent().filter(({ event }) => matches(event, filter, 'wire')).map(({ event }) => event);
  }

  /** The same, with each event's place in that order: what failure messages number events by. */
  sent(): Placed<WireEvent>[] {
    const first = new Map<string, WireEvent>();
    const problems: string[] = [];
    for (const request of this.wire.requests) {
      request.events.forEach((raw, index) => {
        if (Wire.refused(request, index)) return; // rejected(): the API said why
        const errors = contractErrors(raw, 'wire');
        // An invalid event still waiting for its answer may yet be rejected: judge it once answered.
        if (errors.length && !request.response) return;
        if (errors.length) return void problems.push(`${label(raw as object)} breaks the event contract on the wire: ${errors.join('; ')}`);
        const seen = first.get(idOf(raw));
        // A resend after a lost answer must be the same event, byte for byte.
        if (seen && !isDeepStrictEqual(seen, raw)) {
          problems.push(`${label(raw as object)} was sent again with different content: ${showDifferences(differences(raw as object, seen, 'wire'))}`);
        }
        if (!seen) first.set(idOf(raw), raw as WireEvent);
      });
    }
    if (problems.length) throw new Error(problems.join('\n'));
    return [...first.values()].map((event, place) => ({ event, place }));
  }

  /** Events the API stored for this test's clients (receipt order), checked against the stored contract. */
  stored(filter: EventFilter = {}): StoredEvent[] {
    const { dataDir, startedAt } = this.options;
    if (dataDir === null) throw new Error('clickstream.stored(): wire only here (no E2E_CLICKSTREAM_DATA_DIR to read events at rest from)');
    const clients = new Set(this.clientIds());
    const mine = storedSince(dataDir, startedAt).filter((e) => clients.has((e as StoredEvent).client_id));
    for (const event of mine) {
      const errors = contractErrors(event, 'rest');
      if (errors.length) throw new Error(`${label(event as object)} breaks the event contract at rest: ${errors.join('; ')}`);
    }
    const events = (mine as StoredEvent[]).sort((a, b) => a.event_timestamp.localeCompare(b.event_timestamp) || a.client_timestamp.localeCompare(b.client_timestamp));
    return events.filter((e) => matches(e, filter, 'rest'));
  }

  /** Matching events of other clients (other tests, other browser contexts) received since the test began: for failure messages only. */
  storedElsewhere(filter: EventFilter): StoredEvent[] {
    const { dataDir, startedAt } = this.options;
    if (dataDir === null) return [];
    const clients = new Set(this.clientIds());
    const since = startedAt.toISOString();
    return (storedSince(dataDir, startedAt) as StoredEvent[]).filter((e) => !clients.has(e.client_id) && e.event_timestamp >= since && matches(e, filter, 'rest'));
  }

  /** Events (or whole requests) the API refused, with its reasons. */
  rejected(): Rejection[] {
    return this.wire.rejected();
  }

  /** Refused events whose raw fields match the filter, each with its reasons. */
  rejectedMatching(filter: EventFilter): string[] {
    return this.wire.requests.flatMap((request) =>
      request.events.flatMap((raw, index) => {
        if (!Wire.refused(request, index) || typeof raw !== 'object' || raw === null || !matches(raw, filter, 'wire')) return [];
        const reasons = request.response!.rejected.find((r) => r.index === index)?.errors.map((e) => `${e.field}: ${e.message}`) ?? [request.response!.error];
        return [`${label(raw)}: ${request.response!.status}, ${reasons.join('; ')}`];
      }),
    );
  }

  /** Waits for the answers already on their way, so what is read next includes them. */
  settle() {
    return this.wire.settle();
  }

  /**
   * Posts a body (an event, `{ events: [...] }`, or a string sent as is) to the ingestion API as a
   * client would, recorded like the browser's requests: its events become this test's.
   */
  send(body: unknown, options: { headers?: Record<string, string> } = {}): Promise<APIResponse> {
    return this.wire.send(this.options.api, this.options.endpoint, body, options.headers);
  }
}
