import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { pageView } from './test-fixtures';
import { createWebIngestHandler } from './web-adapter';

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ingest-web-'));
afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));
// The adapter logs one JSON line per request; keep test output clean.
vi.spyOn(console, 'log').mockImplementation(() => {});
vi.spyOn(console, 'error').mockImplementation(() => {});

const post = (body: BodyInit, headers: Record<string, string> = {}) =>
  new Request('http://127.0.0.1:3100/api/clickstream', { method: 'POST', body, headers: { 'content-type': 'application/json', ...headers }, duplex: 'half' } as RequestInit);

describe('web adapter (the Next.js route)', () => {
  it('stores events in CLICKSTREAM_DATA_DIR, taking the client IP from X-Forwarded-For', async () => {
    const handle = createWebIngestHandler({ CLICKSTREAM_DATA_DIR: dataDir });
    const event = pageView();
    const response = await handle(post(JSON.stringify(event), { 'x-forwarded-for': '192.0.2.33' }));
    expect(response.status).toBe(202);
    const [file] = fs.readdirSync(path.join(dataDir, 'events'), { recursive: true }).filter((name) => String(name).endsWith(`event-${event.event_id}.json`));
    expect(JSON.parse(fs.readFileSync(path.join(dataDir, 'events', String(file)), 'utf8')).source_ip).toBe('192.0.2.0');
  });

  it('refuses a streamed body without Content-Length once it passes the limit', async () => {
    const handle = createWebIngestHandler({ CLICKSTREAM_DATA_DIR: dataDir });
    const chunk = new Uint8Array(100 * 1024).fill(0x20);
    let sent = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        sent += chunk.byteLength;
        controller.enqueue(chunk);
      },
    });
    const response = await handle(post(stream));
    expect(response.status).toBe(413);
    expect(sent).toBeLessThan(2 * 1024 * 1024);
  });

  it('answers 408 to a client trickling its body past CLICKSTREAM_BODY_TIMEOUT_SECONDS', async () => {
    const handle = createWebIngestHandler({ CLICKSTREAM_DATA_DIR: dataDir, CLICKSTREAM_BODY_TIMEOUT_SECONDS: '1' });
    let timer: NodeJS.Timeout | undefined;
    const trickle = new ReadableStream<Uint8Array>({
      start(controller) {
        timer = setInterval(() => controller.enqueue(new Uint8Array([0x20])), 200);
      },
      cancel: () => clearInterval(timer),
    });
    const started = Date.now();
    const response = await handle(post(trickle, { 'content-length': '2000' }));
    clearInterval(timer);
    expect(response.status).toBe(408);
    expect(await response.json()).toEqual({ error: 'request body not received within 1 s' });
    expect(Date.now() - started).toBeLessThan(3000);
  });

  it('answers 429 with Retry-After past the per-IP limit, per IP', async () => {
    const handle = createWebIngestHandler({ CLICKSTREAM_DATA_DIR: dataDir, CLICKSTREAM_RATE_LIMIT_PER_MINUTE: '2' });
    const statuses = [];
    for (let i = 0; i < 3; i += 1) statuses.push((await handle(post('{}', { 'x-forwarded-for': '192.0.2.1' }))).status);
    expect(statuses).toEqual([400, 400, 429]);
    const limited = await handle(post('{}', { 'x-forwarded-for': '192.0.2.1' }));
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect((await handle(post('{}', { 'x-forwarded-for': '192.0.2.2' }))).status).toBe(400);
  });

  it('gives the route an export for every other method, each answering the documented 405', async () => {
    const route: Record<string, unknown> = await import('@/app/api/clickstream/route');
    for (const method of ['GET', 'HEAD', 'PUT', 'DELETE', 'PATCH']) {
      const handler = route[method] as ((request: Request) => Promise<Response>) | undefined;
      expect(handler, `${method} export`).toBeTypeOf('function');
      const response = await handler!(new Request('http://127.0.0.1:3100/api/clickstream', { method }));
      expect(response.status).toBe(405);
      expect(response.headers.get('allow')).toBe('POST, OPTIONS');
      expect(response.headers.get('content-type')).toMatch(/^application\/json/);
      if (method !== 'HEAD') expect(await response.json()).toEqual({ error: 'only POST and OPTIONS are supported' });
    }
  });

  it('answers 500 without details when the configuration is invalid', async () => {
    const handle = createWebIngestHandler({ CLICKSTREAM_RATE_LIMIT_PER_MINUTE: 'lots' });
    const response = await handle(post('{}'));
    expect(response.status).toBe(500);
    expect(await response.json()).toEqual({ error: 'the clickstream endpoint is misconfigured' });
  });
});
