import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { searchProducts } from '../catalog/queries';
import type { StoredEvent } from '../contract/events';
import { acquisitionReport, CHANNELS } from '../insights/acquisition';
import { demoTraffic } from './demo-traffic';
import { CAMPAIGNS } from './demo-world';
import { FolderSource } from './folder-source';
import { runLoad } from './load';
import { loadDeps, tempDir, TEST_LOAD_OPTIONS, writeEventFiles } from './test-fixtures';
import { freshDatabase, type TestDatabase } from './test-db';

const now = new Date('2026-11-30T12:00:00.000Z');
const generate = (seed: number) => [...demoTraffic({ events: 4000, days: 30, seed, now })];

describe('demoTraffic', () => {
  it('writes exactly the events asked for, within the window, the same again for the same seed', () => {
    const sessions = generate(7);
    const events = sessions.flat();
    expect(events).toHaveLength(4000);
    const times = events.map((event) => Date.parse(event.event_timestamp));
    expect(Math.min(...times)).toBeGreaterThanOrEqual(now.getTime() - 30 * 86_400_000);
    expect(Math.max(...times)).toBeLessThan(now.getTime());
    expect(generate(7).flat().map((event) => event.event_id)).toEqual(events.map((event) => event.event_id));
    expect(new Set(events.map((event) => event.event_id)).size).toBe(4000);
    // Each yield is one session.
    for (const session of sessions) expect(new Set(session.map((event) => event.session_id)).size).toBe(1);
  });

  it('has funnels, returning shoppers, verified and unverified sign-ins, and searches that find nothing', () => {
    const events = generate(11).flat();
    const named = (name: string) => events.filter((event) => event.event_name === name);
    const share = (name: string) => named(name).length / events.length;
    expect(share('page_view')).toBeGreaterThan(share('product_view'));
    expect(share('product_view')).toBeGreaterThan(share('add_to_cart'));
    expect(share('add_to_cart')).toBeGreaterThan(share('checkout_start'));
    expect(share('checkout_start')).toBeGreaterThan(share('checkout_complete'));
    expect(named('checkout_complete').length).toBeGreaterThan(0);

    const sessionsOf = new Map<string, Set<string>>();
    for (const event of events) sessionsOf.set(event.client_id, (sessionsOf.get(event.client_id) ?? new Set()).add(event.session_id));
    expect([...sessionsOf.values()].some((sessions) => sessions.size > 1)).toBe(true);

    // A guest who signs in: the same client has anonymous events before its verified sign_in.
    const guestsWhoSignIn = named('sign_in').filter((signIn) => events.some((e: StoredEvent) => e.client_id === signIn.client_id && e.user_id === null && e.event_timestamp < signIn.event_timestamp));
    expect(guestsWhoSignIn.length).toBeGreaterThan(0);
    const signedIn = events.filter((event) => event.user_id !== null);
    expect(signedIn.some((event) => event.identity_verified)).toBe(true);
    expect(signedIn.some((event) => !event.identity_verified)).toBe(true);

    const searches = named('search');
    for (const search of searches) expect(search.result_count).toBe(searchProducts(search.search_term!).length);
    expect(searches.some((search) => search.result_count === 0)).toBe(true);
    expect(new Set(events.map((event) => event.device_type))).toEqual(new Set(['mobile', 'desktop', 'tablet']));
    expect(new Set(events.map((event) => event.country)).size).toBeGreaterThan(8);
  });
});

describe('demoTraffic, loaded', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await freshDatabase();
  });
  afterAll(() => db.close());

  it('gives every channel and the named campaigns in the acquisition report, converting differently', async () => {
    const root = tempDir();
    const events = [...demoTraffic({ events: 20_000, days: 90, seed: 5, now })].flat();
    for (const event of events) writeEventFiles(root, [event], new Date(event.event_timestamp));
    expect(await runLoad(loadDeps(db.pool, new FolderSource(root)), { ...TEST_LOAD_OPTIONS, batchSize: 2000, commitEvery: 20_000 })).toMatchObject({ new: 20_000 });

    const report = await acquisitionReport(db.pool, { from: '2026-09-01', to: '2026-11-30' });
    const channel = Object.fromEntries(report.channels.map((row) => [row.channel, row]));
    for (const name of CHANNELS) expect(channel[name].sessions, name).toBeGreaterThan(0);
    const sessions = report.channels.reduce((sum, row) => sum + row.sessions, 0);
    // Direct the largest, then organic search; email and paid, which people choose to open, buy most.
    expect(report.channels.map((row) => row.channel).slice(0, 2)).toEqual(['direct', 'organic_search']);
    expect(channel.direct.sessions / sessions).toBeGreaterThan(0.25);
    expect(channel.email.conversion_rate).toBeGreaterThan(channel.organic_search.conversion_rate);
    expect(channel.paid.conversion_rate).toBeGreaterThan(channel.social.conversion_rate);
    expect(channel.organic_search.conversion_rate).toBeGreaterThan(channel.social.conversion_rate);

    for (const { source, medium, campaign } of Object.values(CAMPAIGNS)) {
      expect(report.campaigns.find((row) => row.utm_campaign === campaign), campaign).toMatchObject({ utm_source: source, utm_medium: medium });
    }
    // Each campaign only while it runs: the holiday email in the last quarter of the window.
    const emailDays = events.filter((event) => event.page_url.includes('utm_campaign=holiday-gift-guide')).map((event) => Date.parse(event.event_timestamp));
    expect(Math.min(...emailDays)).toBeGreaterThanOrEqual(now.getTime() - 0.28 * 90 * 86_400_000 - 86_400_000);
  }, 120_000);
});
