// The live consumer against a real dynalite: what it keeps, what it writes, and what it reports as failed.
import { BatchWriteCommand, DynamoDBDocumentClient, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { silentLogger } from '../ingest/log';
import { createLiveConsumer } from './consumer';
import { LIVE_TTL_SECONDS, type LiveItem } from './item';
import { liveFromStream } from './stream-source';
import { ensureLiveTable } from './table';
import { startDynalite, type RunningDynalite } from './test-dynalite';
import { liveScenario, scenarioFigures, toRecord } from './test-fixtures';
import { storedEvent } from '../warehouse/test-fixtures';

vi.setConfig({ testTimeout: 20_000 });

let dynalite: RunningDynalite;
let documents: DynamoDBDocumentClient;
let tables = 0;

beforeAll(async () => {
  dynalite = await startDynalite();
  documents = DynamoDBDocumentClient.from(dynalite.client);
}, 30_000);
afterAll(() => dynalite?.stop());

async function freshTable(): Promise<string> {
  const table = `live-test-${++tables}`;
  await ensureLiveTable(dynalite.client, table);
  return table;
}

async function items(table: string): Promise<LiveItem[]> {
  return ((await documents.send(new ScanCommand({ TableName: table }))).Items ?? []) as LiveItem[];
}

const consumerFor = (table: string, client = documents) => createLiveConsumer({ client, table, log: silentLogger });

describe('ensureLiveTable', () => {
  it('creates the table once and finds it the next time', async () => {
    expect(await ensureLiveTable(dynalite.client, 'live-ensure')).toEqual({ created: true, ttl: 'unsupported' });
    expect(await ensureLiveTable(dynalite.client, 'live-ensure')).toEqual({ created: false, ttl: 'unsupported' });
  });

  it('lets two processes that start at once both find the table, one of them creating it', async () => {
    const both = await Promise.all([ensureLiveTable(dynalite.client, 'live-race'), ensureLiveTable(dynalite.client, 'live-race')]);
    expect(both.map((answer) => answer.created).sort()).toEqual([false, true]);
  });
});

describe('the live consumer', () => {
  it('keeps a shopper\'s events and drops the analyst on /insights, the bot and a record that is not an event', async () => {
    const table = await freshTable();
    const { kept, excluded } = liveScenario(new Date());
    const answer = await consumerFor(table).handle([toRecord(kept.aView), toRecord(excluded.analyst), toRecord(excluded.bot), toRecord('{"event_id": 1}'), toRecord('not json')]);
    expect(answer.failed).toEqual([]);
    expect((await items(table)).map((item) => item.event_id)).toEqual([kept.aView.event_id]);
  });

  it('writes each item with an expiry an hour after the event, in the partition of its minute', async () => {
    const table = await freshTable();
    const event = storedEvent({ client_timestamp: '2026-12-07T16:05:30.250Z', event_timestamp: '2026-12-07T16:05:30.250Z' });
    await createLiveConsumer({ client: documents, table, log: silentLogger, now: () => new Date('2026-12-07T16:06:00.000Z') }).handle([toRecord(event)]);
    const [item] = await items(table);
    expect(item.pk).toBe('minute#2026-12-07T16:05');
    expect(item.expires_at).toBe(Date.parse('2026-12-07T16:05:30Z') / 1000 + LIVE_TTL_SECONDS);
  });

  it('counts a redelivered event once, within one batch and across batches', async () => {
    const table = await freshTable();
    const now = new Date();
    const scenario = liveScenario(now);
    const consumer = consumerFor(table);
    const twice = [...scenario.events, scenario.kept.aView].map(toRecord);
    expect((await consumer.handle(twice)).failed).toEqual([]);
    expect((await consumer.handle(scenario.events.map(toRecord))).failed).toEqual([]);
    expect(await items(table)).toHaveLength(Object.keys(scenario.kept).length);
    const report = await liveFromStream(documents, table, now);
    expect(report.recent.filter((event) => event.at === scenario.kept.aView.event_timestamp)).toHaveLength(1);
  });

  it('counts once an event the tracker sent again, which the API received a second time later', async () => {
    const table = await freshTable();
    const now = new Date();
    const { kept } = liveScenario(now);
    const retried = { ...kept.bOrder, event_timestamp: new Date(now.getTime() - 30_000).toISOString(), request_id: 'req-retry' };
    await consumerFor(table).handle([toRecord(kept.bOrder), toRecord(retried)]);
    const report = await liveFromStream(documents, table, now);
    expect(report.orders).toEqual({ count: 1, revenue: 80 });
    expect(report.recent.map((event) => event.at)).toEqual([kept.bOrder.event_timestamp]);
  });

  it('answers the live report\'s figures from the events it was sent', async () => {
    const table = await freshTable();
    const now = new Date();
    const scenario = liveScenario(now);
    await consumerFor(table).handle(scenario.events.map(toRecord));
    const { figures, recent } = scenarioFigures(scenario);
    const report = await liveFromStream(documents, table, now);
    expect(report).toMatchObject({ source: 'stream', as_of: now.toISOString(), ...figures });
    expect(report.recent).toEqual(recent.map((event) => ({
      at: event.event_timestamp, event_name: event.event_name, page_path: event.page_path, product_name: event.context_product_name, device_type: event.device_type,
    })));
  });

  it('writes more than one BatchWrite holds, 25 items a call', async () => {
    const table = await freshTable();
    const events = Array.from({ length: 60 }, () => storedEvent());
    let calls = 0;
    const counting = { send: (command: BatchWriteCommand) => (calls++, documents.send(command)) } as unknown as DynamoDBDocumentClient;
    expect((await consumerFor(table, counting).handle(events.map(toRecord))).failed).toEqual([]);
    expect(calls).toBe(3);
    expect(await items(table)).toHaveLength(60);
  });

  it('retries the items DynamoDB left unprocessed, and hands back the records it could never write', async () => {
    const table = await freshTable();
    const events = Array.from({ length: 4 }, () => storedEvent());
    const records = events.map(toRecord);
    // DynamoDB may process part of a batch (throttling): this client lets one item through per call,
    // and after `limit` calls none.
    const oneAtATime = (name: string, limit: number) => {
      let calls = 0;
      return {
        send: async (command: BatchWriteCommand) => {
          const requests = command.input.RequestItems![name];
          if (++calls > limit) return { UnprocessedItems: { [name]: requests } };
          await documents.send(new BatchWriteCommand({ RequestItems: { [name]: requests.slice(0, 1) } }));
          return { UnprocessedItems: requests.length > 1 ? { [name]: requests.slice(1) } : {} };
        },
      } as unknown as DynamoDBDocumentClient;
    };
    expect((await consumerFor(table, oneAtATime(table, 10)).handle(records)).failed).toEqual([]);
    expect(await items(table)).toHaveLength(4);

    const other = await freshTable();
    const stuck = createLiveConsumer({ client: oneAtATime(other, 2), table: other, log: silentLogger, attempts: 3 });
    const { failed } = await stuck.handle(records);
    // Two rounds wrote two items; the other two records are failed, by their sequence numbers.
    const written = new Set((await items(other)).map((item) => item.event_id));
    expect(written.size).toBe(2);
    expect(failed.sort()).toEqual(records.filter((_, i) => !written.has(events[i].event_id)).map((r) => r.sequenceNumber).sort());
  });

  it('hands back every record of a batch DynamoDB refused', async () => {
    const records = [storedEvent(), storedEvent()].map(toRecord);
    const answer = await consumerFor('no-such-table').handle(records);
    expect(answer.failed.sort()).toEqual(records.map((r) => r.sequenceNumber).sort());
  });
});
