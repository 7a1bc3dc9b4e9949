// @vitest-environment jsdom
import { cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { rangeLength } from './range';
import type { Reports } from './use-reports';

vi.mock('@/lib/auth/client', () => ({ currentIdToken: async () => 'id-token' }));

const zeros = { sessions: 0, shoppers: 0, page_views: 0, orders: 0, revenue: 0, conversion_rate: 0, average_order_value: 0 };
const steps = (counts: number[]) =>
  (['page_view', 'product_view', 'add_to_cart', 'checkout_start', 'checkout_complete'] as const).map((step, i) => ({ step, sessions: counts[i] }));

function reports(overrides: Partial<Reports> = {}): Reports {
  return {
    overview: { ...zeros, previous: zeros },
    funnel: { steps: steps([0, 0, 0, 0, 0]) },
    daily: { days: [{ date: '2026-11-30', sessions: 0, page_views: 0, orders: 0, revenue: 0 }] },
    previousDaily: { days: [{ date: '2026-11-29', sessions: 0, page_views: 0, orders: 0, revenue: 0 }] },
    products: { products: [] },
    searches: { searches: [] },
    audience: { device_type: [], country: [], referrer_host: [], login_state: [] },
    acquisition: { channels: [], campaigns: [], landing_pages: [] },
    'product-performance': { products: [] },
    returning: { cohorts: [], shoppers: 0, returning_shoppers: 0, returning_share: 0, buyers: 0, repeat_buyers: 0, repeat_buyer_share: 0 },
    ...overrides,
  };
}

let answer: (report: string, url: URL) => { status: number; body: unknown };
const fetched: URL[] = [];

beforeEach(() => {
  fetched.length = 0;
  vi.stubGlobal('fetch', async (input: string, init: RequestInit) => {
    const url = new URL(input, 'http://localhost');
    expect(new Headers(init.headers).get('authorization')).toBe('Bearer id-token');
    // The Live panel asks on its own clock (live-panel.test.tsx): these tests are about the range reports.
    if (url.pathname.endsWith('/live')) return new Response(JSON.stringify({ error: 'not in this test' }), { status: 503 });
    fetched.push(url);
    const { status, body } = answer(url.pathname.split('/').pop()!, url);
    return new Response(JSON.stringify(body), { status });
  });
});
afterEach(() => {
  cleanup();
  window.history.replaceState(null, '', '/');
  vi.unstubAllGlobals();
});

async function renderDashboard() {
  const { Dashboard } = await import('./dashboard');
  render(<Dashboard account="analyst@lumen.test" signOut={() => {}} />);
}

describe('the insights dashboard', () => {
  it('shows zeros and a sentence for an empty warehouse, for the last 30 days by default', async () => {
    const all = reports();
    answer = (name) => ({ status: 200, body: all[name as keyof Reports] });
    await renderDashboard();
    expect(await screen.findByText(/No sessions started in this range yet/)).toBeInTheDocument();
    const headline = screen.getByRole('region', { name: 'Headline figures' });
    expect(within(headline).getAllByText('$0.00')).not.toHaveLength(0);
    expect(screen.getByRole('radio', { name: 'Last 30 days' })).toBeChecked();
    const { searchParams } = fetched[0];
    expect((Date.parse(searchParams.get('to')!) - Date.parse(searchParams.get('from')!)) / 86_400_000).toBe(29);
    expect(new Set(fetched.map((u) => u.pathname))).toEqual(
      new Set(
        ['overview', 'funnel', 'daily', 'products', 'searches', 'audience', 'acquisition', 'product-performance', 'returning'].map(
          (n) => `/api/insights/${n}`,
        ),
      ),
    );
  });

  it('shows each funnel step\'s drop from the step before, and flags terms that found nothing', async () => {
    const all = reports({
      overview: { ...zeros, sessions: 100, previous: zeros },
      funnel: { steps: steps([100, 60, 30, 15, 10]) },
      searches: { searches: [{ term: 'opal', searches: 4, zero_results: 3 }, { term: 'rings', searches: 2, zero_results: 0 }] },
    });
    answer = (name) => ({ status: 200, body: all[name as keyof Reports] });
    await renderDashboard();
    const funnel = await screen.findByRole('region', { name: 'Funnel' });
    // 100 -> 60: 40 sessions, 40.0% of the step before; 30 -> 15: half.
    expect(within(funnel).getByRole('row', { name: /^Viewed a product/ })).toHaveTextContent('40 (40.0%)');
    expect(within(funnel).getByRole('row', { name: /^Started checkout/ })).toHaveTextContent('15 (50.0%)');
    const searches = screen.getByRole('region', { name: 'Searches' });
    expect(within(searches).getByRole('row', { name: /^opal/ })).toHaveTextContent('No results (3)');
    expect(within(searches).getByRole('row', { name: /^rings/ })).not.toHaveTextContent('No results');
  });

  it('asks the API again for the range picked', async () => {
    const all = reports();
    answer = (name) => ({ status: 200, body: all[name as keyof Reports] });
    await renderDashboard();
    await screen.findByText(/No sessions started/);
    fetched.length = 0;
    await userEvent.click(screen.getByRole('radio', { name: 'Last 7 days' }));
    await screen.findByText(/\(UTC\), 7 days/);
    const { searchParams } = fetched[0];
    expect((Date.parse(searchParams.get('to')!) - Date.parse(searchParams.get('from')!)) / 86_400_000).toBe(6);
  });

  it('reads the range from the URL, and puts a range picked there, so a view can be shared and reloaded', async () => {
    window.history.replaceState(null, '', '/insights?from=2026-11-01&to=2026-11-07');
    const all = reports();
    answer = (name) => ({ status: 200, body: all[name as keyof Reports] });
    await renderDashboard();
    await screen.findByText('2026-11-01 to 2026-11-07 (UTC), 7 days');
    expect(screen.getByRole('radio', { name: 'Custom' })).toBeChecked();
    expect(new Set(fetched.map((u) => u.search))).toEqual(new Set(['?from=2026-11-01&to=2026-11-07', '?from=2026-10-25&to=2026-10-31']));
    await userEvent.click(screen.getByRole('radio', { name: 'Last 90 days' }));
    const query = new URLSearchParams(window.location.search);
    expect(rangeLength({ from: query.get('from')!, to: query.get('to')! })).toBe(90);
    expect(query.get('to')).toBe(new Date().toISOString().slice(0, 10));
  });

  it.each(['?from=2026-13-01&to=2026-11-07', '?from=2026-11-08&to=2026-11-07', '?from=2024-01-01&to=2026-11-07', '?to=yesterday'])(
    'falls back to the last 30 days for a bad range in the URL (%s)',
    async (search) => {
      window.history.replaceState(null, '', `/insights${search}`);
      const all = reports();
      answer = (name) => ({ status: 200, body: all[name as keyof Reports] });
      await renderDashboard();
      await screen.findByText(/No sessions started/);
      expect(screen.getByRole('radio', { name: 'Last 30 days' })).toBeChecked();
    },
  );

  it('draws the previous period beside this one in the daily chart, with a legend and in the table', async () => {
    window.history.replaceState(null, '', '/insights?from=2026-11-08&to=2026-11-09');
    const day = (date: string, sessions: number) => ({ date, sessions, page_views: sessions, orders: 0, revenue: 0 });
    const all = reports({ overview: { ...zeros, sessions: 7, previous: zeros } });
    answer = (name, url) => {
      if (name !== 'daily') return { status: 200, body: all[name as keyof Reports] };
      const previous = url.searchParams.get('from') === '2026-11-06';
      return { status: 200, body: { days: previous ? [day('2026-11-06', 2), day('2026-11-07', 9)] : [day('2026-11-08', 3), day('2026-11-09', 4)] } };
    };
    await renderDashboard();
    const daily = await screen.findByRole('region', { name: 'Day by day' });
    expect(within(daily).getByRole('img')).toHaveAccessibleName(/7 sessions over 2 days.*The previous 2 days \(2026-11-06 to 2026-11-07\) had 11\./);
    expect(within(daily).getByText('Previous period (2026-11-06 to 2026-11-07)')).toBeInTheDocument();
    const row = within(daily).getByRole('row', { name: /^2026-11-09/, hidden: true });
    expect(within(row).getAllByRole('cell', { hidden: true }).map((c) => c.textContent)).toEqual(['4', '4', '0', '$0.00', '2026-11-07', '9']);
  });

  it('says the account has no access when the API answers 403', async () => {
    answer = () => ({ status: 403, body: { error: 'this account is not in the analysts group' } });
    await renderDashboard();
    expect(await screen.findByRole('alert')).toHaveTextContent('The account analyst@lumen.test has no access to the insights');
    expect(screen.queryByRole('region', { name: 'Funnel' })).toBeNull();
  });

  it('explains a database that is down, and that the shop is not affected', async () => {
    answer = () => ({ status: 503, body: { error: 'the warehouse database is not reachable right now' } });
    await renderDashboard();
    expect(await screen.findByRole('alert')).toHaveTextContent(/cannot be shown right now: the warehouse database is not reachable right now.*shop itself is not affected/);
  });
});
