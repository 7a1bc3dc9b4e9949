// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { isOptedOut, trackingAllowed } from './consent';
import { outboxEvents } from './outbox';
import { noToken, resetBrowserState, scriptedEndpoint } from './test-helpers';
import { createTracker, FLUSH_MS } from './tracker';

const setGpc = (on: boolean | undefined) =>
  Object.defineProperty(navigator, 'globalPrivacyControl', { value: on, configurable: true });

describe('consent', () => {
  beforeEach(() => {
    resetBrowserState();
    vi.useFakeTimers();
    document.title = 'Lumen Jewelry';
  });
  afterEach(() => {
    setGpc(undefined);
    vi.useRealTimers();
    vi.unstubAllGlobals();
    vi.resetModules();
  });

  it('with Global Privacy Control on, there is no tracker, no storage and no request', async () => {
    setGpc(true);
    const api = scriptedEndpoint();
    const { browserTracker } = await import('./browser');
    const { trackInBrowser } = await import('@/components/tracking/use-track');
    expect(browserTracker()).toBeNull();
    trackInBrowser('page_view');
    await vi.advanceTimersByTimeAsync(10 * FLUSH_MS);
    expect(api.fetchMock).not.toHaveBeenCalled();
    expect(localStorage.length).toBe(0);
    expect(document.cookie).toBe('');
    // Even a tracker made by hand refuses.
    const tracker = createTracker({ endpoint: '/x', ...noToken });
    tracker.setUser(null);
    tracker.track('page_view');
    expect(localStorage.length).toBe(0);
    tracker.stop();
  });

  it('opting out empties the outbox and stops sending; the choice persists; opting in resumes', async () => {
    const api = scriptedEndpoint('offline');
    const tracker = createTracker({ endpoint: '/x', ...noToken });
    tracker.setUser(null);
    tracker.track('page_view');
    tracker.track('search', { search_term: 'gold', result_count: 1 });
    await vi.advanceTimersByTimeAsync(FLUSH_MS);
    expect(outboxEvents()).toHaveLength(2);

    tracker.setOptedOut(true);
    expect(outboxEvents()).toHaveLength(0);
    expect(isOptedOut()).toBe(true);
    expect(trackingAllowed()).toBe(false);
    const calls = api.fetchMock.mock.calls.length;
    tracker.track('page_view');
    tracker.reconnect();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(api.fetchMock.mock.calls.length).toBe(calls);
    expect(outboxEvents()).toHaveLength(0);

    tracker.setOptedOut(false);
    expect(isOptedOut()).toBe(false);
    tracker.track('page_view');
    expect(outboxEvents()).toHaveLength(1);
    tracker.stop();
  });
});
