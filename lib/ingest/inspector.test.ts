import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { EventInspector, inspectRequest } from './inspector';
import { pageView } from './test-fixtures';
import { createWebIngestHandler } from './web-adapter';

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ingest-inspect-'));
afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));
vi.spyOn(console, 'log').mockImplementation(() => {});

const post = (events: unknown[]) =>
  new Request('http://127.0.0.1:3100/api/clickstream', { method: 'POST', body: JSON.stringify({ events }), headers: { 'content-type': 'application/json' } });
const list = (inspector: EventInspector | null, query = '') => JSON.parse(inspectRequest(inspector, 'GET', `http://127.0.0.1/api/clickstream/inspect${query}`).body);

describe('event inspector (development only)', () => {
  it('lists what was stored and what was rejected with its reasons, per client, and resets', async () => {
    const inspector = new EventInspector();
    const handle = createWebIngestHandler({ CLICKSTREAM_DATA_DIR: dataDir }, { wrapSink: inspector.wrap });
    const [good, other] = [pageView({ client_id: randomUUID() }), pageView({ client_id: randomUUID() })];
    const bad = pageView({ event_name: 'wishlist_add', client_id: other.client_id });
    expect((await handle(post([good, bad]))).status).toBe(202);
    expect((await handle(post([other, other]))).status).toBe(202);

    const all = list(inspector);
    expect(all.total).toBe(3);
    expect(all.good.map((g: { event: { event_id: string } }) => g.event.event_id)).toEqual([good.event_id, other.event_id]);
    expect(all.good[0].event).toMatchObject({ ...good, identity_verified: false, schema_version: 1 });
    expect(all.bad).toHaveLength(1);
    expect(all.bad[0]).toMatchObject({ status: 202, rejected: [{ index: 1, event_id: bad.event_id, errors: [{ field: 'event_name' }] }] });

    const mine = list(inspector, `?client_id=${good.client_id}`);
    expect(mine.good.map((g: { event: { event_id: string } }) => g.event.event_id)).toEqual([good.event_id]);
    expect(mine.bad).toEqual([]);
    expect(list(inspector, `?client_id=${other.client_id}`).bad).toHaveLength(1);
    expect(list(inspector, '?only=bad').good).toEqual([]);

    expect(inspectRequest(inspector, 'DELETE', 'http://127.0.0.1/api/clickstream/inspect').status).toBe(200);
    expect(list(inspector)).toEqual({ total: 0, good: [], bad: [] });
    // Ingestion goes on as before: the stored file is there.
    expect(fs.existsSync(path.join(dataDir, 'events'))).toBe(true);
  });

  it('keeps only the latest events', async () => {
    const inspector = new EventInspector(2);
    const write = inspector.wrap({ write: async () => {} });
    const events = [pageView(), pageView(), pageView()];
    await write.write(events.map((e) => ({ key: `events/2026/01/01/event-${e.event_id}.json`, body: JSON.stringify(e) })));
    expect(inspector.list().good.map((g) => g.event.event_id)).toEqual([events[1].event_id, events[2].event_id]);
  });

  it('without an inspector (a production build) the route answers 404 to every method', () => {
    for (const method of ['GET', 'DELETE', 'POST']) expect(inspectRequest(null, method, 'http://127.0.0.1/api/clickstream/inspect').status).toBe(404);
  });
});
