// The shoppers of the demo traffic: who they are, where they come from, what they search for.
// Shares of the whole are rough figures for a small online jeweller, not measurements.
import type { Category } from '@/lib/catalog/types';

export type Weighted<T> = readonly (readonly [T, number])[];

/** A deterministic random source (mulberry32), so one seed always gives the same traffic. */
export function random(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (max: number) => Math.floor(next() * max);
  const hex = (n: number) => Array.from({ length: n }, () => int(16).toString(16)).join('');
  return {
    next,
    int,
    chance: (p: number) => next() < p,
    pick: <T>(items: readonly T[]): T => items[int(items.length)],
    weighted: <T>(table: Weighted<T>): T => {
      let left = next() * table.reduce((sum, [, weight]) => sum + weight, 0);
      for (const [value, weight] of table) if ((left -= weight) < 0) return value;
      return table[table.length - 1][0];
    },
    /** A version 4 UUID from this source. */
    uuid: () => `${hex(8)}-${hex(4)}-4${hex(3)}-${'89ab'[int(4)]}${hex(3)}-${hex(12)}`,
  };
}
export type Random = ReturnType<typeof random>;

export type Device = { userAgent: string; screens: readonly (readonly [number, number])[] };

const DESKTOP_SCREENS = [[1920, 1080], [1440, 900], [1536, 864], [2560, 1440], [1280, 800]] as const;
const PHONE_SCREENS = [[390, 844], [414, 896], [360, 800], [393, 873], [430, 932]] as const;
const TABLET_SCREENS = [[820, 1180], [768, 1024], [1024, 1366]] as const;

export const DEVICES: Weighted<Device> = [
  [{ userAgent: 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1', screens: PHONE_SCREENS }, 30],
  [{ userAgent: 'Mozilla/5.0 (Linux; Android 14; SM-S918B) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36', screens: PHONE_SCREENS }, 22],
  [{ userAgent: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36', screens: DESKTOP_SCREENS }, 18],
  [{ userAgent: 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15', screens: DESKTOP_SCREENS }, 9],
  [{ userAgent: 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36', screens: DESKTOP_SCREENS }, 6],
  [{ userAgent: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0', screens: DESKTOP_SCREENS }, 4],
  [{ userAgent: 'Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0', screens: DESKTOP_SCREENS }, 2],
  [{ userAgent: 'Mozilla/5.0 (iPad; CPU OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1', screens: TABLET_SCREENS }, 6],
  [{ userAgent: 'Mozilla/5.0 (Linux; Android 13; SM-X710) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36', screens: TABLET_SCREENS }, 3],
];

export type Place = { country: string | null; language: string; timezones: readonly string[] };

// null: no CDN country header (a request that reached the origin directly).
export const PLACES: Weighted<Place> = [
  [{ country: 'US', language: 'en-US', timezones: ['America/New_York', 'America/Chicago', 'America/Los_Angeles'] }, 38],
  [{ country: 'GB', language: 'en-GB', timezones: ['Europe/London'] }, 11],
  [{ country: 'DE', language: 'de-DE', timezones: ['Europe/Berlin'] }, 9],
  [{ country: 'FR', language: 'fr-FR', timezones: ['Europe/Paris'] }, 7],
  [{ country: 'CA', language: 'en-CA', timezones: ['America/Toronto', 'America/Vancouver'] }, 6],
  [{ country: 'AU', language: 'en-AU', timezones: ['Australia/Sydney'] }, 5],
  [{ country: 'NL', language: 'nl-NL', timezones: ['Europe/Amsterdam'] }, 4],
  [{ country: 'IT', language: 'it-IT', timezones: ['Europe/Rome'] }, 4],
  [{ country: 'ES', language: 'es-ES', timezones: ['Europe/Madrid'] }, 3],
  [{ country: 'JP', language: 'ja-JP', timezones: ['Asia/Tokyo'] }, 3],
  [{ country: 'IN', language: 'en-IN', timezones: ['Asia/Kolkata'] }, 3],
  [{ country: 'BR', language: 'pt-BR', timezones: ['America/Sao_Paulo'] }, 3],
  [{ country: null, language: 'en-US', timezones: ['UTC'] }, 4],
];

/** A named campaign: its links carry these UTM values, and it runs for part of the window. */
export type Campaign = { source: string; medium: string; campaign: string; during: readonly [number, number] };

// Runs given as fractions of the window (0 its first day, 1 now), so that one seed gives the same traffic.
export const CAMPAIGNS = {
  holidayEmail: { source: 'newsletter', medium: 'email', campaign: 'holiday-gift-guide', during: [0.72, 1] },
  ringsSearch: { source: 'google', medium: 'cpc', campaign: 'engagement-rings', during: [0.1, 0.9] },
  autumnInstagram: { source: 'instagram', medium: 'social', campaign: 'autumn-lookbook', during: [0.25, 0.6] },
} as const satisfies Record<string, Campaign>;

/**
 * How a session arrives: its referrer, where it lands, the campaign of its link if any, and how
 * likely it is to put things in the cart (`intent`, 1 the average): shoppers from a newsletter
 * or a paid search for rings buy more often than those who scroll past a post.
 */
export type Arrival = {
  referrer: string | null;
  lands: 'home' | 'product' | 'collection';
  category?: Category;
  campaign?: Campaign;
  intent: number;
};

// Shares of sessions while every campaign runs: about a third direct, a quarter organic search,
// a fifth social, the rest email, other sites and paid search (Shopify and GA4 benchmarks for a
// small fashion shop, roughly). Outside its run a campaign's share goes to the others.
export const ARRIVALS: Weighted<Arrival> = [
  [{ referrer: null, lands: 'home', intent: 1.25 }, 32],
  [{ referrer: null, lands: 'product', intent: 1.2 }, 4],
  [{ referrer: 'https://www.google.com/', lands: 'product', intent: 1 }, 14],
  [{ referrer: 'https://www.google.com/', lands: 'collection', intent: 1 }, 8],
  [{ referrer: 'https://www.bing.com/', lands: 'home', intent: 0.95 }, 3],
  [{ referrer: 'https://duckduckgo.com/', lands: 'product', intent: 1 }, 2],
  [{ referrer: 'https://www.instagram.com/', lands: 'product', intent: 0.45 }, 7],
  [{ referrer: 'https://www.pinterest.com/', lands: 'product', intent: 0.5 }, 6],
  [{ referrer: 'https://www.facebook.com/', lands: 'home', intent: 0.5 }, 4],
  [{ referrer: 'https://t.co/', lands: 'product', intent: 0.4 }, 2],
  [{ referrer: 'https://mail.google.com/', lands: 'collection', intent: 1.6 }, 1],
  // Other sites: a wedding magazine's ring guide, a gift blog, a jewellery forum.
  [{ referrer: 'https://www.brides.com/', lands: 'collection', category: 'rings', intent: 1.1 }, 2],
  [{ referrer: 'https://giftideas.example.net/', lands: 'product', intent: 0.8 }, 2],
  [{ referrer: 'https://forum.jewelers.example.org/', lands: 'product', intent: 0.9 }, 1],
  // The campaigns' links. A newsletter opened in a mail app sends no referrer; in webmail, its host.
  [{ referrer: null, lands: 'collection', campaign: CAMPAIGNS.holidayEmail, intent: 1.9 }, 5],
  [{ referrer: 'https://mail.google.com/', lands: 'collection', campaign: CAMPAIGNS.holidayEmail, intent: 1.9 }, 3],
  [{ referrer: 'https://outlook.live.com/', lands: 'product', campaign: CAMPAIGNS.holidayEmail, intent: 1.9 }, 1],
  [{ referrer: 'https://www.google.com/', lands: 'collection', category: 'rings', campaign: CAMPAIGNS.ringsSearch, intent: 1.4 }, 5],
  [{ referrer: 'https://www.google.com/', lands: 'product', category: 'rings', campaign: CAMPAIGNS.ringsSearch, intent: 1.4 }, 3],
  [{ referrer: 'https://l.instagram.com/', lands: 'product', campaign: CAMPAIGNS.autumnInstagram, intent: 0.5 }, 6],
];

/** The arrivals possible at `phase` of the window (0 its start, 1 now): the campaigns running then and the rest. */
export function arrivalsAt(phase: number): Weighted<Arrival> {
  return ARRIVALS.filter(([arrival]) => !arrival.campaign || (phase >= arrival.campaign.during[0] && phase < arrival.campaign.during[1]));
}

// Typed as shoppers type them (case, spaces, typos); the last ones find nothing in the catalog.
export const SEARCH_TERMS: Weighted<string> = [
  ['ring', 14], ['gold', 10], ['diamond', 9], ['necklace', 8], ['pearl', 7], ['earrings', 7], ['sapphire', 5],
  ['bracelet', 5], ['silver', 5], ['Gold ring', 4], ['emerald', 3], ['hoops', 3], [' Diamond ', 2], ['platinum', 2],
  ['tiara', 3], ['watch', 3], ['emrald', 2], ['anklet', 2], ['cufflinks', 1], ['mens ring', 2],
];
