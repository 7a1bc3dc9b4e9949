import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase, type TestDatabase } from '../warehouse/test-db';
import { insertEvents } from '../warehouse/test-fixtures';
import { ACQUISITION_LIMIT, CHANNELS, acquisitionReport, acquisitionSchema } from './acquisition';
import { AURORA, ORDER_A, ORDER_C, RANGE, order, orderValue, page, session } from './test-fixtures';

let db: TestDatabase;
beforeAll(async () => {
  db = await freshDatabase();
});
afterAll(() => db.close());

const SHOP = 'https://lumen.example';
type Visit = {
  start: string;
  landing: string; // path and query of the first event's page_url
  referrer?: string;
  orders?: (typeof ORDER_A)[];
  // What the session should count as (null: not a shopper session in the range at all).
  channel: (typeof CHANNELS)[number] | null;
  utm?: [string | null, string | null, string | null];
  analystFirst?: boolean;
};

// Hand-made sessions, each with the channel the rules in docs/insights.md give it.
const VISITS: Visit[] = [
  { start: '2026-11-10T08:00:00.000Z', landing: '/?utm_source=newsletter&utm_medium=email&utm_campaign=winter-sale', orders: [ORDER_A], channel: 'email', utm: ['newsletter', 'email', 'winter-sale'] },
  { start: '2026-11-10T09:00:00.000Z', landing: '/?utm_source=newsletter&utm_medium=email&utm_campaign=winter-sale', channel: 'email', utm: ['newsletter', 'email', 'winter-sale'] },
  { start: '2026-11-10T10:00:00.000Z', landing: '/products/aurora-ring', referrer: 'https://www.google.com/search?q=ring', orders: [ORDER_C], channel: 'organic_search' },
  { start: '2026-11-11T10:00:00.000Z', landing: '/collections/rings?utm_source=google&utm_medium=cpc&utm_campaign=Rings%20%26%20Gifts', referrer: 'https://www.google.com/', orders: [ORDER_A, ORDER_C], channel: 'paid', utm: ['google', 'cpc', 'Rings & Gifts'] },
  { start: '2026-11-11T11:00:00.000Z', landing: '/collections/rings', referrer: 'https://l.instagram.com/', channel: 'social' },
  { start: '2026-11-11T12:00:00.000Z', landing: '/?utm_source=pinterest', channel: 'social', utm: ['pinterest', null, null] },
  { start: '2026-11-12T09:00:00.000Z', landing: '/', referrer: 'https://blog.example.org/gift-guide', orders: [ORDER_C], channel: 'referral' },
  { start: '2026-11-12T10:00:00.000Z', landing: '/', channel: 'direct' },
  // A referrer from the shop itself (a new session after a pause) is not a referral.
  { start: '2026-11-12T11:00:00.000Z', landing: '/products/aurora-ring', referrer: `${SHOP}/cart`, orders: [ORDER_A], channel: 'direct' },
  // An analyst who looked at /insights first, then the shop: the landing page is the shop's.
  { start: '2026-11-12T12:00:00.000Z', landing: '/?utm_source=Partner&utm_medium=affiliate', analystFirst: true, channel: 'paid', utm: ['Partner', 'affiliate', null] },
  // Not counted: only /insights (an analyst), and a session the day after the range.
  { start: '2026-11-12T13:00:00.000Z', landing: '/insights?utm_source=newsletter&utm_medium=email', channel: null },
  { start: '2026-11-13T09:00:00.000Z', landing: '/?utm_source=newsletter&utm_medium=email&utm_campaign=winter-sale', orders: [ORDER_A], channel: null },
];

function events(visit: Visit, index: number) {
  const path = visit.landing.split('?')[0];
  const landing = { ...page(path), page_url: `${SHOP}${visit.landing}` };
  const steps = [
    ...(visit.analystFirst ? [{ ...page('/insights'), page_url: `${SHOP}/insights` }] : []),
    landing,
    // An analyst's session stays on /insights.
    ...(path.startsWith('/insights') ? [] : [{ ...page(`/products/${AURORA.id}`), page_url: `${SHOP}/products/${AURORA.id}` }]),
    ...(visit.orders ?? []).map((items, n) => ({ ...order(`LJ-Q${index}${n}`, items), page_url: `${SHOP}/checkout/confirmation` })),
  ];
  return session(visit.start, steps, { referrer: visit.referrer ?? null });
}

const counted = VISITS.filter((v) => v.channel !== null);
const money = (value: number) => Math.round(value * 100) / 100;
function figures(visits: Visit[]) {
  const orders = visits.reduce((n, v) => n + (v.orders?.length ?? 0), 0);
  const revenue = money(visits.reduce((sum, v) => sum + (v.orders ?? []).reduce((s, items) => s + orderValue(items), 0), 0));
  return { sessions: visits.length, orders, revenue, conversion_rate: Math.round((orders / visits.length) * 10_000) / 10_000 };
}
function groupBy(visits: Visit[], key: (v: Visit) => string) {
  const groups = new Map<string, Visit[]>();
  for (const v of visits) groups.set(key(v), [...(groups.get(key(v)) ?? []), v]);
  return groups;
}

describe('acquisition', () => {
  it('answers every channel with zeros and no campaigns or landing pages for an empty warehouse', async () => {
    const report = acquisitionSchema.parse(await acquisitionReport(db.pool, RANGE));
    expect(report.channels.map((c) => c.channel)).toEqual([...CHANNELS]);
    expect(report.channels.every((c) => c.sessions === 0 && c.revenue === 0 && c.conversion_rate === 0)).toBe(true);
    expect(report.campaigns).toEqual([]);
    expect(report.landing_pages).toEqual([]);
  });

  it('splits the shoppers sessions of the range by channel, campaign and landing page', async () => {
    await insertEvents(db.pool, VISITS.flatMap(events));
    const report = acquisitionSchema.parse(await acquisitionReport(db.pool, RANGE));

    const byChannel = groupBy(counted, (v) => v.channel!);
    const channels = CHANNELS.map((channel) => ({ channel, ...(byChannel.has(channel) ? figures(byChannel.get(channel)!) : { sessions: 0, orders: 0, revenue: 0, conversion_rate: 0 }) }));
    expect(report.channels).toEqual(channels.sort((a, b) => b.sessions - a.sessions || CHANNELS.indexOf(a.channel) - CHANNELS.indexOf(b.channel)));

    const tagged = groupBy(counted.filter((v) => v.utm), (v) => JSON.stringify(v.utm));
    const campaigns = [...tagged].map(([key, visits]) => {
      const [utm_source, utm_medium, utm_campaign] = JSON.parse(key) as (string | null)[];
      return { utm_source, utm_medium, utm_campaign, ...figures(visits) };
    });
    expect(report.campaigns).toEqual(expect.arrayContaining(campaigns));
    expect(report.campaigns).toHaveLength(campaigns.length);
    expect(report.campaigns.map((c) => c.sessions)).toEqual(campaigns.map((c) => c.sessions).sort((a, b) => b - a));

    const pages = [...groupBy(counted, (v) => v.landing.split('?')[0])].map(([path, visits]) => ({ path, ...figures(visits) }));
    expect(report.landing_pages).toEqual(expect.arrayContaining(pages));
    expect(report.landing_pages).toHaveLength(pages.length);
    expect(report.landing_pages[0]).toEqual(pages.sort((a, b) => b.sessions - a.sessions || b.revenue - a.revenue)[0]);
  });

  it('keeps the top campaigns and landing pages only', async () => {
    const many = Array.from({ length: ACQUISITION_LIMIT + 5 }, (_, n) =>
      session(`2026-11-11T${String(n % 24).padStart(2, '0')}:30:00.000Z`, [{ ...page(`/lookbook/${n}`), page_url: `${SHOP}/lookbook/${n}?utm_campaign=c${n}` }]));
    await insertEvents(db.pool, many.flat());
    const report = acquisitionSchema.parse(await acquisitionReport(db.pool, RANGE));
    expect(report.campaigns).toHaveLength(ACQUISITION_LIMIT);
    expect(report.landing_pages).toHaveLength(ACQUISITION_LIMIT);
    // The largest groups are kept: '/' had more sessions than any one lookbook page.
    expect(report.landing_pages.map((p) => p.path)).toContain('/');
  });
});
