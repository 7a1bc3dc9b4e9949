import { describe, expect, it } from 'vitest';
import { searchProducts } from '../catalog/queries';
import type { StoredEvent } from '../contract/events';
import { demoTraffic } from './demo-traffic';

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
