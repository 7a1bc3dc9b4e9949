// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { SESSION_TIMEOUT_MS, touchIdentity } from './identity';
import { resetBrowserState } from './test-helpers';

describe('identity', () => {
  beforeEach(() => {
    resetBrowserState();
    vi.useFakeTimers({ now: Date.parse('2026-03-01T10:00:00Z') });
  });
  afterEach(() => vi.useRealTimers());

  it('keeps one client_id and one session while events keep coming', () => {
    const first = touchIdentity(Date.now());
    vi.advanceTimersByTime(SESSION_TIMEOUT_MS - 1);
    const second = touchIdentity(Date.now());
    vi.advanceTimersByTime(SESSION_TIMEOUT_MS - 1);
    const third = touchIdentity(Date.now());
    expect(second).toEqual(first);
    expect(third).toEqual(first);
    expect(first.is_first_visit).toBe(true);
    expect(first.client_id).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('starts a new session after 30 minutes without an event; it is no longer the first visit', () => {
    const first = touchIdentity(Date.now());
    vi.advanceTimersByTime(SESSION_TIMEOUT_MS + 1);
    const later = touchIdentity(Date.now());
    expect(later.client_id).toBe(first.client_id);
    expect(later.session_id).not.toBe(first.session_id);
    expect(later.is_first_visit).toBe(false);
  });

  it('starts a new session in a new browser session (its cookie is gone)', () => {
    const first = touchIdentity(Date.now());
    document.cookie = 'lumen_cs_s=; expires=Thu, 01 Jan 1970 00:00:00 GMT; path=/';
    const next = touchIdentity(Date.now() + 1000);
    expect(next.session_id).not.toBe(first.session_id);
    expect(next.client_id).toBe(first.client_id);
  });
});
