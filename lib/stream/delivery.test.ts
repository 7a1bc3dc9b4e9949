import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { storedEvent } from '@/lib/warehouse/test-fixtures';
import { createDelivery } from './delivery';
import type { StreamRecord } from './record';
import { readObjects } from './test-objects';

const roots: string[] = [];
afterEach(() => roots.splice(0).forEach((root) => fs.rmSync(root, { recursive: true, force: true })));
const folder = () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'delivery-'));
  roots.push(root);
  return root;
};

let sequence = 0;
const stored = (eventTimestamp: string) => storedEvent({ event_timestamp: eventTimestamp });
const record = (data: string, arrivedAt = new Date('2026-12-07T23:59:59.500Z')): StreamRecord => ({ sequenceNumber: String((sequence += 1)), partitionKey: 'p', data: Buffer.from(data), arrivedAt });

describe('local delivery (the Firehose stand-in)', () => {
  it('writes gzip NDJSON batch objects under the UTC day of each event_timestamp, not of arrival', async () => {
    const root = folder();
    const delivery = createDelivery({ root, bufferMs: 50, now: () => new Date('2026-12-08T00:00:01Z') });
    const late = stored('2026-12-07T23:59:59.000Z');
    const early = [stored('2026-12-08T00:00:00.000Z'), stored('2026-12-08T00:00:00.500Z')];
    await delivery.handle([late, ...early].map((event) => record(JSON.stringify(event))));

    const objects = readObjects(root, 'events');
    const keys = [...objects.keys()];
    expect(keys).toHaveLength(2);
    for (const key of keys) expect(key).toMatch(/^events\/2026\/12\/0[78]\/batch-local-20261208T000001-[0-9a-f-]{36}\.json\.gz$/);
    const byDay = (day: string) => objects.get(keys.find((key) => key.startsWith(`events/2026/12/${day}/`))!)!.map((line) => JSON.parse(line));
    expect(byDay('07')).toEqual([late]);
    expect(byDay('08')).toEqual(early);
    expect(fs.readdirSync(path.join(root, '.tmp-staging'))).toEqual([]);
  });

  it('sends records that are not a stored event to errors/ with the reason, and delivers the ones around them', async () => {
    const root = folder();
    const delivery = createDelivery({ root, bufferMs: 50 });
    const good = stored('2026-12-07T10:00:00.000Z');
    const missing = { ...good, event_id: 'not-a-uuid' };
    await delivery.handle([record('{"half'), record(JSON.stringify(good)), record(JSON.stringify(missing))]);

    expect([...readObjects(root, 'events').values()].flat().map((line) => JSON.parse(line))).toEqual([good]);
    const [[key, lines]] = [...readObjects(root, 'errors')];
    expect(key).toMatch(/^errors\/2026\/12\/07\/batch-local-/);
    const errors = lines.map((line) => JSON.parse(line));
    expect(errors.map((error) => error.error_message)).toEqual([expect.stringMatching(/^not valid JSON: /), expect.stringMatching(/^not a valid stored event: event_id: /)]);
    expect(Buffer.from(errors[0].raw_data, 'base64').toString()).toBe('{"half');
    expect(errors[1]).toMatchObject({ partition_key: 'p', arrived_at: '2026-12-07T23:59:59.500Z' });
  });

  it('buffers records from several reads into one object until the interval, and writes at once when the size is reached', async () => {
    const root = folder();
    const slow = createDelivery({ root, bufferMs: 300 });
    const events = [stored('2026-12-07T10:00:00.000Z'), stored('2026-12-07T10:00:01.000Z')];
    await Promise.all(events.map((event) => slow.handle([record(JSON.stringify(event))])));
    expect([...readObjects(root, 'events').values()]).toEqual([events.map((event) => JSON.stringify(event))]);

    const sized = createDelivery({ root: folder(), bufferBytes: 10, bufferMs: 60_000 });
    const started = Date.now();
    await sized.handle([record(JSON.stringify(events[0]))]);
    expect(Date.now() - started).toBeLessThan(5_000);
  });
});
