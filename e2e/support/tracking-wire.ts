// What the tracker put on the wire and what the API stored, for the tracking specs.
import { expect, type BrowserContext, type Page, type Request } from '@playwright/test';
import { storedEventSchema, wireEventSchema, type StoredEvent, type WireEvent } from '../../lib/contract/events';
import { CLIENT_KEY } from '../../lib/clickstream/identity';
import { OUTBOX_PREFIX } from '../../lib/clickstream/outbox';
import { E2E } from './env';
import { readStoredEvents } from './stored-events';

export type WireRequest = { events: WireEvent[]; authorization: string | null; authToken: string | null; contentType: string };

const isClickstream = (r: Request) => r.method() === 'POST' && new URL(r.url()).pathname === '/api/clickstream';

/** Records every request to the ingestion endpoint from this context (all tabs). */
export function recordWire(context: BrowserContext) {
  const requests: WireRequest[] = [];
  context.on('request', (request) => {
    if (!isClickstream(request)) return;
    const body = JSON.parse(request.postData() ?? 'null') as { events: WireEvent[]; auth_token?: string };
    requests.push({
      events: body.events,
      authorization: request.headers().authorization ?? null,
      authToken: body.auth_token ?? null,
      contentType: request.headers()['content-type'] ?? '',
    });
  });
  return {
    requests,
    events: () => requests.flatMap((r) => r.events),
    named: (name: string) => requests.flatMap((r) => r.events).filter((e) => e.event_name === name),
    /** Every event sent so far follows the contract (zod's message otherwise). */
    expectContractTrue() {
      for (const event of requests.flatMap((r) => r.events)) {
        expect(wireEventSchema.safeParse(event).error?.message, `${event.event_name} on the wire`).toBeUndefined();
      }
    },
  };
}

/** The client_id the tracker keeps in this page's localStorage. */
export async function clientIdOf(page: Page): Promise<string> {
  const id = await page.evaluate((key) => JSON.parse(localStorage.getItem(key) ?? 'null')?.id as string | undefined, CLIENT_KEY);
  expect(id, 'the tracker has a client_id').toBeTruthy();
  return id!;
}

/** Events stored for one browser, each checked against the stored contract. */
export function storedFor(clientId: string): StoredEvent[] {
  const events = readStoredEvents(E2E.dataDir).filter((e) => e.client_id === clientId);
  for (const event of events) expect(storedEventSchema.safeParse(event).error?.message).toBeUndefined();
  return events;
}

/** Waits until the stored events of `clientId` include every event_id in `ids`; returns them all. */
export async function waitForStored(clientId: string, ids: string[], timeout = 20_000): Promise<StoredEvent[]> {
  await expect
    .poll(() => {
      const stored = new Set(storedFor(clientId).map((e) => e.event_id));
      return ids.filter((id) => !stored.has(id));
    }, { timeout, message: 'every event on the wire is stored' })
    .toEqual([]);
  return storedFor(clientId);
}

/** Waits until `count` events named `name` are stored for `clientId`. */
export async function waitForStoredNamed(clientId: string, name: string, count = 1, timeout = 20_000): Promise<StoredEvent[]> {
  await expect.poll(() => storedFor(clientId).filter((e) => e.event_name === name).length, { timeout }).toBe(count);
  return storedFor(clientId).filter((e) => e.event_name === name);
}

/** The outbox's events waiting in this page's localStorage. */
export async function outboxLength(page: Page): Promise<number> {
  return page.evaluate((prefix) => Object.keys(localStorage).filter((key) => key.startsWith(prefix)).length, OUTBOX_PREFIX);
}
