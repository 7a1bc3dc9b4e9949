// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { WireEvent } from '@/lib/contract/events';
import { appendEvent, clearOutbox, leaseBatch, OUTBOX_LIMIT, OUTBOX_PREFIX, outboxEvents, releaseEvents, removeEvents } from './outbox';

const ev = (n: number, user_id: string | null = null) => ({ event_id: `id-${n}`, event_name: 'page_view', user_id }) as WireEvent;
const ids = (events: WireEvent[]) => events.map((e) => e.event_id);

describe('outbox', () => {
  beforeEach(() => localStorage.clear());
  afterEach(() => vi.restoreAllMocks());

  it('keeps events in localStorage, so that they survive a reload', () => {
    appendEvent(ev(1));
    appendEvent(ev(2));
    expect(Object.keys(localStorage).sort()).toEqual([`${OUTBOX_PREFIX}id-1`, `${OUTBOX_PREFIX}id-2`]);
    expect(ids(outboxEvents())).toEqual(['id-1', 'id-2']);
  });

  it('writes only its own entry when it adds or leases, so tabs cannot overwrite each other', () => {
    // Another tab's event, which this tab may not have seen yet: nothing here may rewrite it.
    appendEvent(ev(1));
    const setItem = vi.spyOn(Storage.prototype, 'setItem');
    appendEvent(ev(2));
    expect(setItem.mock.calls.map(([key]) => key)).toEqual([`${OUTBOX_PREFIX}id-2`]);
    setItem.mockClear();
    leaseBatch(0, 10, 1, 1e6);
    expect(setItem.mock.calls.map(([key]) => key)).toEqual([`${OUTBOX_PREFIX}id-1`]);
  });

  it('keeps the order events were added in, whatever order storage lists its keys in', () => {
    vi.useFakeTimers({ now: 1_700_000_000_000 });
    for (let n = 0; n < 5; n++) appendEvent(ev(n));
    vi.useRealTimers();
    const keys = Object.keys(localStorage).reverse();
    const key = vi.spyOn(Storage.prototype, 'key').mockImplementation((i) => keys[i] ?? null);
    expect(ids(outboxEvents())).toEqual(['id-0', 'id-1', 'id-2', 'id-3', 'id-4']);
    expect(key).toHaveBeenCalled();
  });

  it('drops the oldest events beyond its limit', () => {
    for (let n = 0; n < OUTBOX_LIMIT + 7; n++) appendEvent(ev(n));
    const kept = outboxEvents();
    expect(kept).toHaveLength(OUTBOX_LIMIT);
    expect(kept[0].event_id).toBe('id-7');
    expect(kept.at(-1)!.event_id).toBe(`id-${OUTBOX_LIMIT + 6}`);
  });

  it('leases a batch so that nobody else sends it until the lease ends or is released', () => {
    for (let n = 0; n < 5; n++) appendEvent(ev(n));
    expect(ids(leaseBatch(1000, 2000, 3, 1e6))).toEqual(['id-0', 'id-1', 'id-2']);
    expect(ids(leaseBatch(1500, 2500, 3, 1e6))).toEqual(['id-3', 'id-4']);
    expect(leaseBatch(1600, 2600, 3, 1e6)).toEqual([]);
    // The first lease ran out (its page went away without an answer): those go again.
    expect(ids(leaseBatch(2001, 3000, 10, 1e6))).toEqual(['id-0', 'id-1', 'id-2']);
    releaseEvents(['id-3']);
    expect(ids(leaseBatch(2002, 3000, 10, 1e6))).toEqual(['id-3']);
  });

  it('puts one user in a batch, and keeps batches under the byte limit', () => {
    appendEvent(ev(1, null));
    appendEvent(ev(2, 'alice'));
    appendEvent(ev(3, null));
    expect(ids(leaseBatch(0, 10, 100, 1e6))).toEqual(['id-1', 'id-3']);
    expect(ids(leaseBatch(0, 10, 100, 1e6))).toEqual(['id-2']);
    clearOutbox();
    for (let n = 0; n < 10; n++) appendEvent(ev(n));
    const size = JSON.stringify(ev(0)).length + 1;
    expect(leaseBatch(0, 10, 100, size * 4)).toHaveLength(4);
  });

  it('measures batches in UTF-8 bytes, as the request body does', () => {
    const wide = (n: number) => ({ ...ev(n), page_title: 'é'.repeat(100) }) as WireEvent;
    for (let n = 0; n < 4; n++) appendEvent(wide(n));
    const size = new TextEncoder().encode(JSON.stringify(wide(0))).length + 1;
    expect(leaseBatch(0, 10, 100, size * 2)).toHaveLength(2);
  });

  it('forgets acknowledged events only', () => {
    for (let n = 0; n < 3; n++) appendEvent(ev(n));
    removeEvents(['id-1']);
    expect(ids(outboxEvents())).toEqual(['id-0', 'id-2']);
    clearOutbox();
    expect(outboxEvents()).toEqual([]);
  });
});
