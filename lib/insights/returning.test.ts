import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StoredEvent } from '../contract/events';
import { freshDatabase, type TestDatabase } from '../warehouse/test-db';
import { insertEvents } from '../warehouse/test-fixtures';
import { returningReport, returningSchema, weekStart } from './returning';
import { AURORA, order, page, session } from './test-fixtures';

let db: TestDatabase;
beforeAll(async () => {
  db = await freshDatabase();
});
afterAll(() => db.close());

// Three full weeks, Monday 11-02 to Sunday 11-22.
const RANGE = { from: '2026-11-02', to: '2026-11-22' };
const signedIn = (sub: string) => ({ user_id: sub, user_login_state: 'logged_in', identity_source: 'cognito', identity_verified: true });
const browser = { gwen: randomUUID(), gwenPhone: randomUUID(), rui: randomUUID(), nia: randomUUID(), otto: randomUUID() };

// Each visit: who the shopper is (as the warehouse stitches them), when, on which browser, and whether it ordered.
// Gwen browses as a guest, then signs in on the same browser and orders, then orders again a week later on her phone.
const VISITS = [
  { shopper: 'gwen', at: '2026-11-02T10:00:00.000Z', client_id: browser.gwen, as: {} },
  { shopper: 'gwen', at: '2026-11-03T10:00:00.000Z', client_id: browser.gwen, as: signedIn('sub-gwen'), order: true },
  { shopper: 'gwen', at: '2026-11-11T10:00:00.000Z', client_id: browser.gwenPhone, as: signedIn('sub-gwen'), order: true },
  { shopper: 'rui', at: '2026-11-04T10:00:00.000Z', client_id: browser.rui, as: {} },
  { shopper: 'rui', at: '2026-11-18T10:00:00.000Z', client_id: browser.rui, as: {} },
  { shopper: 'nia', at: '2026-11-12T10:00:00.000Z', client_id: browser.nia, as: {}, order: true },
  // Otto's first visit is before the range: he is in no cohort of it.
  { shopper: 'otto', at: '2026-10-20T10:00:00.000Z', client_id: browser.otto, as: {} },
  { shopper: 'otto', at: '2026-11-05T10:00:00.000Z', client_id: browser.otto, as: {}, order: true },
];

function visitEvents(): StoredEvent[] {
  return VISITS.flatMap((v, n) =>
    session(v.at, v.order ? [page(), order(`LJ-R0000${n}`, [{ product: AURORA, quantity: 1 }])] : [page()], { client_id: v.client_id, ...v.as }),
  );
}

/** The report worked out from VISITS by hand: cohorts by the week of each shopper's first visit. */
function expected() {
  const day = (at: string) => at.slice(0, 10);
  const weekOf = (at: string) => weekStart(day(at));
  const WEEK = 7 * 86_400_000;
  const byShopper = new Map<string, typeof VISITS>();
  for (const v of VISITS) byShopper.set(v.shopper, [...(byShopper.get(v.shopper) ?? []), v]);
  const first = new Map([...byShopper].map(([s, visits]) => [s, Math.min(...visits.map((v) => Date.parse(v.at)))]));
  const members = [...first].filter(([, t]) => t >= Date.parse(`${RANGE.from}T00:00:00Z`)).map(([s]) => s);
  const weeks = [weekStart(RANGE.from), weekStart(RANGE.from) + WEEK, weekStart(RANGE.from) + 2 * WEEK];
  const cohorts = weeks.map((week, i) => {
    const cohort = members.filter((s) => weekOf(new Date(first.get(s)!).toISOString()) === week);
    const returned = weeks.slice(i + 1).map((later) => cohort.filter((s) => byShopper.get(s)!.some((v) => weekOf(v.at) === later)).length);
    return { week_start: new Date(week).toISOString().slice(0, 10), shoppers: cohort.length, returned };
  });
  const returning = members.filter((s) => new Set(byShopper.get(s)!.map((v) => weekOf(v.at))).size > 1).length;
  const orderingSessions = (s: string) => byShopper.get(s)!.filter((v) => v.order).length;
  const buyers = members.filter((s) => orderingSessions(s) > 0).length;
  const repeat = members.filter((s) => orderingSessions(s) > 1).length;
  const share = (a: number, b: number) => (b ? Math.round((a / b) * 10_000) / 10_000 : 0);
  return {
    cohorts, shoppers: members.length, returning_shoppers: returning, returning_share: share(returning, members.length),
    buyers, repeat_buyers: repeat, repeat_buyer_share: share(repeat, buyers),
  };
}

describe('returning shoppers', () => {
  it('has a zero row per week of an empty warehouse', async () => {
    const report = returningSchema.parse(await returningReport(db.pool, RANGE));
    expect(report.cohorts.map((c) => [c.week_start, c.shoppers, c.returned])).toEqual([['2026-11-02', 0, [0, 0]], ['2026-11-09', 0, [0]], ['2026-11-16', 0, []]]);
    expect(report.returning_share).toBe(0);
  });

  it('puts each stitched shopper in the week of their first visit and follows them after', async () => {
    await insertEvents(db.pool, visitEvents());
    const report = returningSchema.parse(await returningReport(db.pool, RANGE));
    expect(report).toEqual(expected());
    // Gwen (guest, then signed in on two browsers) is one shopper: week 11-02 holds Gwen and Rui.
    expect(report.cohorts[0]).toEqual({ week_start: '2026-11-02', shoppers: 2, returned: [1, 1] });
    expect(report.repeat_buyers).toBe(1);
  });
});
