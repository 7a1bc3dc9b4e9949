// The original workshop's loader, kept only as the benchmark's baseline (npm run bench:warehouse):
// one listing per prefix, one file read at a time, 200-row INSERT ... ON CONFLICT DO NOTHING.
// Unlike the workshop it pages through listings, so that it loads the same events as the loader.
import { GetObjectCommand, ListObjectsV2Command, type S3Client } from '@aws-sdk/client-s3';
import fs from 'node:fs/promises';
import path from 'node:path';
import type pg from 'pg';
import type { StoredEvent } from '@/lib/contract/events';
import { EVENTS_PREFIX } from '@/lib/ingest/layout';
import { EVENT_COLUMNS, eventValues } from './row';

export type BaselineStore = { list(): Promise<string[]>; read(key: string): Promise<string> };

const BATCH = 200;

export function folderStore(root: string): BaselineStore {
  return {
    list: async () => (await fs.readdir(path.join(root, EVENTS_PREFIX), { recursive: true })).filter((name) => name.endsWith('.json')).map((name) => `${EVENTS_PREFIX}${name}`),
    read: (key) => fs.readFile(path.join(root, key), 'utf8'),
  };
}

export function bucketStore(client: S3Client, bucket: string): BaselineStore {
  return {
    list: async () => {
      const keys: string[] = [];
      let token: string | undefined;
      do {
        const page = await client.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: EVENTS_PREFIX, ContinuationToken: token }));
        keys.push(...(page.Contents ?? []).map((object) => object.Key!));
        token = page.NextContinuationToken;
      } while (token);
      return keys;
    },
    read: async (key) => (await client.send(new GetObjectCommand({ Bucket: bucket, Key: key }))).Body!.transformToString(),
  };
}

/** Loads every listed file; returns the rows inserted. */
export async function workshopLoad(store: BaselineStore, db: pg.Pool): Promise<number> {
  let inserted = 0;
  let rows: unknown[][] = [];
  const insert = async () => {
    const values = rows.map((row, r) => `(${row.map((_, c) => `$${r * row.length + c + 1}`).join(', ')})`);
    const result = await db.query(`INSERT INTO clickstream_events (${EVENT_COLUMNS.join(', ')}) VALUES ${values.join(', ')} ON CONFLICT (event_id) DO NOTHING`, rows.flat());
    inserted += result.rowCount ?? 0;
    rows = [];
  };
  for (const key of await store.list()) {
    rows.push(eventValues(JSON.parse(await store.read(key)) as StoredEvent, key));
    if (rows.length === BATCH) await insert();
  }
  if (rows.length) await insert();
  return inserted;
}
