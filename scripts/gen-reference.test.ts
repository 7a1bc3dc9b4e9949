// docs/reference/ is generated: these fail when a committed file is not what the contract's schema
// and the migrations produce now, and check what the generator makes of hand-made inputs.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EVENT_NAMES, requiredFields } from '@/lib/contract/events';
import { freshDatabase, type TestDatabase } from '@/lib/warehouse/test-db';
import { renderEventsReference } from './gen-reference-events';
import { readWarehouseSchema, renderWarehouseReference } from './gen-reference-warehouse';

const committed = (name: string) => fs.readFileSync(path.resolve(import.meta.dirname, '../docs/reference', name), 'utf8');
const OUT_OF_DATE = (name: string) => `docs/reference/${name} is out of date: run \`npm run docs:reference\` and commit it`;
const row = (markdown: string, first: string) => markdown.split('\n').find((line) => line.startsWith(`| \`${first}\` |`));

describe('docs/reference/events.md', () => {
  it('is what lib/contract/events.ts produces now', () => {
    expect(committed('events.md'), OUT_OF_DATE('events.md')).toBe(renderEventsReference());
  });

  it('lists, per field, the events that must carry it, as the schema enforces', () => {
    const markdown = renderEventsReference();
    const carriers = row(markdown, 'quantity')!.split(' | ')[5];
    const expected = EVENT_NAMES.filter((name) => (requiredFields(name) as string[]).includes('quantity'));
    expect(expected).toEqual(['add_to_cart', 'remove_from_cart']);
    expect(carriers).toBe(`required on ${expected.map((name) => `\`${name}\``).join(', ')}; any other event when it applies`);
    expect(row(markdown, 'event_timestamp')).toContain('| no | never null |');
    expect(row(markdown, 'referrer')).toContain('| string, at most 2,048 characters | may be omitted or null | null when it does not apply |');
  });
});

describe('docs/reference/warehouse.md', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await freshDatabase();
  });
  afterAll(() => db.close());

  it('is what the migrations produce now', async () => {
    expect(committed('warehouse.md'), OUT_OF_DATE('warehouse.md')).toBe(renderWarehouseReference(await readWarehouseSchema(db.pool)));
  });

  it("shows a table's columns, nullability, defaults, keys, indexes and comments as PostgreSQL reports them", async () => {
    await db.pool.query(`
      CREATE TABLE zz_fixture (id integer PRIMARY KEY, label text NOT NULL DEFAULT 'none', event_id uuid REFERENCES clickstream_events (event_id), CHECK (id > 0));
      CREATE INDEX zz_fixture_label_idx ON zz_fixture (label);
      COMMENT ON TABLE zz_fixture IS 'A fixture.';
      COMMENT ON COLUMN zz_fixture.label IS 'What it is called.'`);
    const markdown = renderWarehouseReference(await readWarehouseSchema(db.pool));
    const section = markdown.slice(markdown.indexOf('## zz_fixture'));
    expect(section.split('\n').slice(0, 12)).toEqual([
      '## zz_fixture',
      '',
      'A fixture.',
      '',
      '| column | type | nullable | default | meaning |',
      '|---|---|---|---|---|',
      '| `id` | `integer` | no |  |  |',
      "| `label` | `text` | no | `'none'::text` | What it is called. |",
      '| `event_id` | `uuid` | yes |  |  |',
      '',
      '- check: `CHECK ((id > 0))`',
      '- foreign key: `FOREIGN KEY (event_id) REFERENCES clickstream_events(event_id)`',
    ]);
    expect(section).toContain('- primary key: `PRIMARY KEY (id)`');
    expect(section).toContain('- index `zz_fixture_label_idx`: `USING btree (label)`');
  });
});
