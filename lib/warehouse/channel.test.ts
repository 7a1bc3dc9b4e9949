// The channel rules of migration 0011, one row of docs/insights.md's table after another.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase, type TestDatabase } from './test-db';

let db: TestDatabase;
beforeAll(async () => {
  db = await freshDatabase();
});
afterAll(() => db.close());

const SHOP = 'lumen.example';
// [referrer host, utm_source, utm_medium, channel]
const CASES: [string | null, string | null, string | null, string][] = [
  ['www.google.com', 'google', 'cpc', 'paid'],
  ['l.facebook.com', 'facebook', 'paid_social', 'paid'],
  [null, 'partner', 'Affiliate', 'paid'],
  [null, 'newsletter', 'email', 'email'],
  [null, 'Newsletter', null, 'email'],
  ['mail.google.com', null, null, 'email'],
  [null, 'instagram', 'social', 'social'],
  [null, 'pinterest', null, 'social'],
  ['l.instagram.com', null, null, 'social'],
  ['t.co', null, null, 'social'],
  ['www.pinterest.co.uk', null, null, 'social'],
  ['www.google.co.uk', null, null, 'organic_search'],
  ['duckduckgo.com', null, null, 'organic_search'],
  [null, 'bing', 'organic', 'organic_search'],
  ['blog.example.org', null, null, 'referral'],
  // A tagged link with a medium none of the rules know is still a referral, wherever it was.
  [null, 'jewellery-forum', 'forum', 'referral'],
  // Facebook's host, but the campaign says it was a newsletter: the UTM values win.
  ['l.facebook.com', 'weekly', 'email', 'email'],
  [SHOP, null, null, 'direct'],
  [null, null, null, 'direct'],
];

describe('clickstream_channel', () => {
  it.each(CASES)('referrer %s, utm_source %s, utm_medium %s: %s', async (host, source, medium, channel) => {
    const { rows } = await db.pool.query('SELECT clickstream_channel($1, $2, $3, $4) AS channel', [host, SHOP, source, medium]);
    expect(rows[0].channel).toBe(channel);
  });
});

describe('clickstream_url_param', () => {
  const read = async (url: string, name: string) => (await db.pool.query('SELECT clickstream_url_param($1, $2) AS v', [url, name])).rows[0].v;

  it('reads a parameter percent-decoded, with + as a space, and not a longer name that ends like it', async () => {
    expect(await read('https://lumen.example/?x_utm_source=no&utm_source=Caf%C3%A9+%26+Co#top', 'utm_source')).toBe('Café & Co');
  });

  it('is null when the parameter is missing or empty, and keeps a value that is not valid percent-encoding', async () => {
    expect(await read('https://lumen.example/rings', 'utm_source')).toBeNull();
    expect(await read('https://lumen.example/?utm_source=&utm_medium=email', 'utm_source')).toBeNull();
    expect(await read('https://lumen.example/?utm_campaign=50%off%FF', 'utm_campaign')).toBe('50%off%FF');
  });
});
