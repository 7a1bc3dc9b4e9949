import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventKey } from '../ingest/layout';
import { S3Sink } from '../ingest/s3-sink';
import { startS3rver, type RunningServer } from '../ingest/test-servers';
import { reopenDays, runLoad } from './load';
import { S3Source } from './s3-source';
import { batchKey, countingSource, loadDeps, storedEvent, TEST_LOAD_OPTIONS } from './test-fixtures';
import { freshDatabase, type TestDatabase } from './test-db';

const BUCKET = 'lumen-warehouse-test';
let s3rver: RunningServer;
let db: TestDatabase;
const saved = { id: process.env.AWS_ACCESS_KEY_ID, secret: process.env.AWS_SECRET_ACCESS_KEY };

beforeAll(async () => {
  [s3rver, db] = await Promise.all([startS3rver(BUCKET), freshDatabase()]);
  process.env.AWS_ACCESS_KEY_ID = 'S3RVER';
  process.env.AWS_SECRET_ACCESS_KEY = 'S3RVER';
}, 30_000);

afterAll(async () => {
  process.env.AWS_ACCESS_KEY_ID = saved.id;
  process.env.AWS_SECRET_ACCESS_KEY = saved.secret;
  await Promise.all([s3rver?.stop(), db?.close()]);
});

describe('S3Source', () => {
  it('loads more than 1,000 objects of one day, page after page, and a rerun reads none', async () => {
    const day = new Date(Date.UTC(2026, 10, 20, 9));
    const events = Array.from({ length: 1010 }, () => storedEvent());
    const sink = new S3Sink({ bucket: BUCKET, endpoint: s3rver.endpoint });
    await sink.write(events.map((event) => ({ key: eventKey(event.event_id, day), body: JSON.stringify(event) })));
    // Not events: a deeper "folder" and a foreign name in the day.
    await sink.write([{ key: 'events/2026/11/20/nested/event-x.json', body: '{}' }, { key: 'events/2026/11/20/readme.txt', body: 'x' }]);
    const source = countingSource(new S3Source({ bucket: BUCKET, endpoint: s3rver.endpoint }));

    expect(await runLoad(loadDeps(db.pool, source), { ...TEST_LOAD_OPTIONS, batchSize: 500, concurrency: 64 })).toMatchObject({ new: 1010, duplicate: 0, bad: 0, filesRead: 1010 });
    const { rows } = await db.pool.query('SELECT count(*)::int AS n FROM clickstream_events');
    expect(rows[0].n).toBe(1010);
    expect(await runLoad(loadDeps(db.pool, source), TEST_LOAD_OPTIONS)).toMatchObject({ new: 0, filesRead: 0 });
    expect(source.reads).toBe(1010);
  }, 60_000);

  it('names a day older than the window that no load has read, and reads it once demo traffic reopens it', async () => {
    // After the test above: the checkpoint is 2026/11/20, its lookback lists from 2026/11/17.
    const events = [storedEvent(), storedEvent()];
    await new S3Sink({ bucket: BUCKET, endpoint: s3rver.endpoint }).write(events.map((event) => ({ key: eventKey(event.event_id, new Date(Date.UTC(2026, 9, 5))), body: JSON.stringify(event) })));
    const source = new S3Source({ bucket: BUCKET, endpoint: s3rver.endpoint });
    expect(await runLoad(loadDeps(db.pool, source), TEST_LOAD_OPTIONS)).toMatchObject({ new: 0, unlisted: { before: '2026/11/17', days: 1, files: 2, oldest: '2026/10/05' } });
    expect(await reopenDays(db.pool, source.id, '2026/10/05')).toBe('2026/11/20');
    expect(await runLoad(loadDeps(db.pool, source), TEST_LOAD_OPTIONS)).toMatchObject({ new: 2, filesRead: 2, unlisted: null });
  }, 60_000);

  it('streams batched objects of megabytes, gzip and plain, with their bad lines, and loads a redelivered one once', async () => {
    const day = new Date(Date.UTC(2026, 10, 22, 9));
    const events = Array.from({ length: 3000 }, (_, index) => storedEvent({ page_title: `Page ${index}` }));
    const lines = events.map((event) => JSON.stringify(event));
    lines.splice(1500, 0, '{"event_id": "cut'); // line 1501
    const text = lines.join('\n') + '\n';
    const put = (key: string, body: string | Buffer) => sink.client.send(new PutObjectCommand({ Bucket: BUCKET, Key: key, Body: body }));
    const sink = new S3Sink({ bucket: BUCKET, endpoint: s3rver.endpoint });
    const keys = { gzip: batchKey(day, 'lumen-stream-1-2026-11-22-09-00-00-one'), plain: batchKey(day, 'local-20261122T090000-two', '.json') };
    await put(keys.gzip, gzipSync(text));
    const copy = text.slice(0, 200_000).replace(/\n[^\n]*$/, '\n'); // its first lines again: a redelivery
    await put(keys.plain, copy);
    const source = countingSource(new S3Source({ bucket: BUCKET, endpoint: s3rver.endpoint }));

    const result = await runLoad(loadDeps(db.pool, source), { ...TEST_LOAD_OPTIONS, batchSize: 500, commitEvery: 1000 });
    const { rows } = await db.pool.query('SELECT count(*)::int AS n FROM clickstream_events WHERE event_id = ANY($1)', [events.map((event) => event.event_id)]);
    expect(rows[0].n).toBe(3000);
    expect(result).toMatchObject({ new: 3000, duplicate: copy.split('\n').length - 1, bad: 1, filesRead: 2 });
    const errors = await db.pool.query('SELECT line, error FROM clickstream_load_errors WHERE source_key = $1', [keys.gzip]);
    expect(errors.rows).toEqual([{ line: 1501, error: expect.stringMatching(/^not valid JSON/) }]);
    expect(await runLoad(loadDeps(db.pool, source), TEST_LOAD_OPTIONS)).toMatchObject({ new: 0, filesRead: 0 });
    expect(source.reads).toBe(2);
  }, 60_000);

  it('reads keys that need escaping, and names the credentials when S3 refuses the signature', async () => {
    const key = 'events/2026/11/21/event-ä b+c%.json';
    await new S3Sink({ bucket: BUCKET, endpoint: s3rver.endpoint }).write([{ key, body: '{"x":1}' }]);
    expect((await new S3Source({ bucket: BUCKET, endpoint: s3rver.endpoint }).read(key)).toString()).toBe('{"x":1}');
    const client = new S3Client({ region: 'us-east-1', endpoint: s3rver.endpoint, forcePathStyle: true, credentials: { accessKeyId: 'nobody', secretAccessKey: 'wrong' } });
    await expect(new S3Source({ bucket: BUCKET, endpoint: s3rver.endpoint, client }).read(key)).rejects.toMatchObject({ name: 'SourceError', setting: 'AWS_PROFILE or AWS_ACCESS_KEY_ID' });
    await expect(new S3Source({ bucket: BUCKET, endpoint: s3rver.endpoint }).read('events/2026/11/21/event-none.json')).rejects.toMatchObject({ name: 'UnreadableFileError' });
  });

  it('names the setting to fix when the bucket does not exist or the endpoint does not answer', async () => {
    const missing = new S3Source({ bucket: 'no-such-bucket', endpoint: s3rver.endpoint });
    await expect(runLoad(loadDeps(db.pool, missing), TEST_LOAD_OPTIONS)).rejects.toMatchObject({ setting: 'CLICKSTREAM_S3_BUCKET' });
    const down = new S3Source({ bucket: BUCKET, endpoint: 'http://127.0.0.1:9' });
    await expect(runLoad(loadDeps(db.pool, down), TEST_LOAD_OPTIONS)).rejects.toMatchObject({ setting: 'CLICKSTREAM_S3_ENDPOINT' });
  });
});
