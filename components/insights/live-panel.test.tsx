// @vitest-environment jsdom
import { act, cleanup, render, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { LiveReport } from '@/lib/live/report';
import { LivePanel } from './live-panel';

vi.mock('@/lib/auth/client', () => ({ currentIdToken: async () => 'id-token' }));

const report = (overrides: Partial<LiveReport> = {}): LiveReport => ({
  source: 'stream', as_of: '2026-12-07T16:05:00.000Z', active_minutes: 5, window_minutes: 30,
  active_shoppers: 3, active_sessions: 4,
  pages: [{ page_path: '/products/aurora-ring', sessions: 3 }, { page_path: '/', sessions: 1 }],
  carts: { open: 2, items: 3, value: 1370 }, orders: { count: 1, revenue: 80 },
  recent: [{ at: '2026-12-07T16:04:59.000Z', event_name: 'add_to_cart', page_path: '/products/aurora-ring', product_name: 'Aurora Ring', device_type: 'desktop' }],
  ...overrides,
});

let answers: { status: number; body: unknown }[];
let asked = 0;
let hidden = false;

beforeEach(() => {
  asked = 0;
  hidden = false;
  Object.defineProperty(document, 'hidden', { configurable: true, get: () => hidden });
  vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
  vi.stubGlobal('fetch', async (input: string) => {
    expect(input).toBe('/api/insights/live?');
    const { status, body } = answers[Math.min(asked++, answers.length - 1)];
    return new Response(JSON.stringify(body), { status });
  });
});
afterEach(() => {
  cleanup();
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

const summary = () => screen.getByText(/Active shoppers|cannot be shown|Loading/);

describe('the Live panel', () => {
  it('shows the live figures, where they come from, and a polite one-line summary', async () => {
    answers = [{ status: 200, body: report() }];
    render(<LivePanel />);
    expect(await screen.findByText('Active shoppers in the last 5 minutes: 3. Orders in the last 30 minutes: 1.')).toHaveAttribute('aria-live', 'polite');
    expect(screen.getByText(/^From the event stream/)).toBeInTheDocument();
    expect(screen.getByText('2 ($1,370.00)')).toBeInTheDocument();
    const pages = screen.getByRole('table', { name: 'Active sessions by page' });
    expect(within(pages).getAllByRole('row').slice(1).map((r) => r.textContent)).toEqual(['/products/aurora-ring3', '/1']);
    expect(within(screen.getByRole('table', { name: 'Latest events' })).getByText('add to cart: Aurora Ring')).toBeInTheDocument();
    // Only the summary is announced: the tables and the time change without a word.
    expect(document.querySelectorAll('[aria-live]')).toHaveLength(1);
  });

  it('says the warehouse is the source, and what makes the panel live, in folder mode', async () => {
    answers = [{ status: 200, body: report({ source: 'warehouse', active_shoppers: 0, pages: [], recent: [] }) }];
    render(<LivePanel />);
    expect(await screen.findByText(/From the warehouse.*CLICKSTREAM_SINK=kinesis/)).toBeInTheDocument();
    expect(screen.getByRole('table', { name: 'Latest events' })).toHaveTextContent('None right now');
  });

  it('asks again every 5 s, without a reload, and not while the tab is hidden', async () => {
    answers = [{ status: 200, body: report() }, { status: 200, body: report({ active_shoppers: 7 }) }];
    render(<LivePanel />);
    await screen.findByText(/minutes: 3\./);
    await act(async () => void vi.advanceTimersByTime(5000));
    expect(await screen.findByText(/minutes: 7\./)).toBeInTheDocument();
    hidden = true;
    await act(async () => void vi.advanceTimersByTime(20_000));
    expect(asked).toBe(2);
    hidden = false;
    await act(async () => void document.dispatchEvent(new Event('visibilitychange')));
    expect(asked).toBe(3);
  });

  it('says why it cannot show the figures instead of showing numbers that look real', async () => {
    answers = [{ status: 503, body: { error: 'the live table is not reachable right now' } }];
    render(<LivePanel />);
    expect(await screen.findByText('The live view cannot be shown right now: the live table is not reachable right now.')).toBe(summary());
    expect(screen.queryByRole('table')).toBeNull();
    expect(screen.queryByText(/\$/)).toBeNull();
  });
});
