// The stream transport end to end (playwright.stream.config.ts): the production build with
// CLICKSTREAM_SINK=kinesis puts a shopper's events on kinesis-local, the stream worker delivers
// them as batch objects into the run's data folder, and the warehouse loader turns them into rows;
// the worker's live consumer keeps them in dynalite, where the Live panel at /insights reads them.
import fs from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import pg from 'pg';
import { expect, test } from '../clickstream';
import { E2E } from '../support/env';
import { DEMO_ANALYST } from '../../scripts/cognito-seed.mjs';
import { load, signInAtInsights } from '../support/insights-helpers';
import { RING } from '../support/tracking-journey';

const dayFolder = (eventTimestamp: string) => path.join(E2E.dataDir, 'events', eventTimestamp.slice(0, 4), eventTimestamp.slice(5, 7), eventTimestamp.slice(8, 10));

/** The names of the files in the event's day folder that hold it: batch objects or a per-event file. */
function filesHolding(eventId: string, eventTimestamp: string): string[] {
  const day = dayFolder(eventTimestamp);
  return fs.readdirSync(day).filter((name) => {
    if (name === `event-${eventId}.json`) return true;
    if (!name.endsWith('.json.gz')) return false;
    return gunzipSync(fs.readFileSync(path.join(day, name))).toString('utf8').includes(`"event_id":"${eventId}"`);
  });
}

test('a product view in the store reaches the Live panel, a delivered batch object, then a warehouse row', async ({ browser, clickstream }) => {
  test.setTimeout(90_000);
  const analyst = await (await browser.newContext()).newPage();
  await signInAtInsights(analyst, DEMO_ANALYST);
  const live = analyst.getByRole('region', { name: 'Live' });
  await expect(live.getByText(/^From the event stream/)).toBeVisible({ timeout: 15_000 });

  const shopper = await browser.newContext();
  clickstream.watch(shopper);
  const page = await shopper.newPage();
  await page.goto('/');
  await page.getByRole('link', { name: RING.name }).first().click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(RING.name);

  // Stored means delivered here: the kit reads the batch objects, and none of the per-event files.
  const viewed = await clickstream.expectEvent({ event_name: 'product_view', context_product_id: RING.id });
  expect(filesHolding(viewed.event_id, viewed.event_timestamp!)).toEqual([expect.stringMatching(/^batch-local-\d{8}T\d{6}-[0-9a-f-]{36}\.json\.gz$/)]);

  await test.step('the Live panel shows it at its next refresh (every 5 s), without a reload', async () => {
    const latest = live.getByRole('table', { name: 'Latest events' });
    await expect(latest.getByRole('row').filter({ hasText: `product view: ${RING.name}` }).first()).toBeVisible({ timeout: 10_000 });
    await expect(live.getByRole('table', { name: 'Active sessions by page' }).getByRole('row', { name: new RegExp(`^/products/${RING.slug}`) })).toBeVisible();
  });

  await test.step('the warehouse loads it from the batch object', async () => {
    load();
    const db = new pg.Client({ connectionString: E2E.databaseUrl });
    await db.connect();
    try {
      const { rows } = await db.query('SELECT event_name, context_product_id FROM clickstream_events WHERE event_id = $1', [viewed.event_id]);
      expect(rows).toEqual([{ event_name: 'product_view', context_product_id: RING.id }]);
    } finally {
      await db.end();
    }
  });
  await shopper.close();
  await analyst.context().close();
});
