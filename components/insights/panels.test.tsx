// @vitest-environment jsdom
import { cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ProductPerformanceReport } from '@/lib/insights/product-performance';
import { AcquisitionPanel } from './acquisition-panel';
import { CsvDownload, RangeContext } from './csv-download';
import { ProductPerformance } from './product-performance';
import { ReturningPanel } from './returning-panel';

vi.mock('@/lib/auth/client', () => ({ currentIdToken: async () => 'id-token' }));
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

const product = (product_id: string, name: string, view: number, cart: number, bought: number, revenue: number) => ({
  product_id, name, category: 'rings', view_sessions: view, cart_sessions: cart, checkout_sessions: bought, purchase_sessions: bought,
  view_to_cart_rate: view ? cart / view : 0, cart_to_purchase_rate: cart ? bought / cart : 0, units_sold: bought, revenue,
});
const performance: ProductPerformanceReport = {
  products: [product('a', 'Aurora ring', 10, 4, 2, 300), product('b', 'Birch studs', 40, 5, 1, 120), product('c', 'Coral pendant', 25, 10, 0, 0)],
};
const names = () => screen.getAllByRole('row').slice(1).map((r) => within(r).getByRole('rowheader').textContent);

describe('product performance', () => {
  it('sorts by the column whose header is pressed, and says so with aria-sort', async () => {
    render(<ProductPerformance report={performance} />);
    expect(screen.getByRole('columnheader', { name: /Revenue/ })).toHaveAttribute('aria-sort', 'descending');
    expect(names()).toEqual(['Aurora ring', 'Birch studs', 'Coral pendant']);
    await userEvent.click(screen.getByRole('button', { name: 'Viewed' }));
    expect(screen.getByRole('columnheader', { name: /Viewed/ })).toHaveAttribute('aria-sort', 'descending');
    expect(screen.getByRole('columnheader', { name: /Revenue/ })).not.toHaveAttribute('aria-sort');
    expect(names()).toEqual(['Birch studs', 'Coral pendant', 'Aurora ring']);
    await userEvent.click(screen.getByRole('button', { name: /Viewed/ }));
    expect(screen.getByRole('columnheader', { name: /Viewed/ })).toHaveAttribute('aria-sort', 'ascending');
    expect(names()).toEqual(['Aurora ring', 'Coral pendant', 'Birch studs']);
    await userEvent.click(screen.getByRole('button', { name: 'Product' }));
    expect(screen.getByRole('columnheader', { name: /Product/ })).toHaveAttribute('aria-sort', 'ascending');
    expect(names()).toEqual(['Aurora ring', 'Birch studs', 'Coral pendant']);
  });

  it('shows a chosen product\'s own funnel, each step as a share of its views', async () => {
    render(<ProductPerformance report={performance} />);
    expect(screen.queryByRole('table', { name: /^Funnel of/ })).toBeNull();
    await userEvent.click(screen.getByRole('button', { name: 'Coral pendant' }));
    expect(screen.getByRole('button', { name: 'Coral pendant' })).toHaveAttribute('aria-pressed', 'true');
    const funnel = screen.getByRole('table', { name: 'Funnel of Coral pendant' });
    // 25 views, 10 adds: 40% of the views; nobody bought it.
    expect(within(funnel).getByRole('row', { name: /^Added it to cart/ })).toHaveTextContent('1040.0%');
    expect(within(funnel).getByRole('row', { name: /^Bought it/ })).toHaveTextContent('00.0%');
  });
});

describe('returning shoppers', () => {
  it('shows each cohort by week after, and the two shares in words', () => {
    render(
      <ReturningPanel
        returning={{
          cohorts: [{ week_start: '2026-11-02', shoppers: 8, returned: [2, 1] }, { week_start: '2026-11-09', shoppers: 4, returned: [1] }],
          shoppers: 12, returning_shoppers: 3, returning_share: 0.25, buyers: 4, repeat_buyers: 1, repeat_buyer_share: 0.25,
        }}
      />,
    );
    expect(screen.getByText(/of shoppers came back: 3 of 12/)).toHaveTextContent('25.0%');
    expect(screen.getByRole('columnheader', { name: 'Week 2' })).toBeInTheDocument();
    const first = screen.getByRole('row', { name: /^2026-11-02/ });
    expect(within(first).getAllByRole('cell').map((c) => c.textContent)).toEqual(['8', '2 (25%)', '1 (13%)']);
    expect(within(screen.getByRole('row', { name: /^2026-11-09/ })).getAllByRole('cell').at(-1)).toHaveTextContent('–');
  });
});

describe('acquisition', () => {
  it('names channels in words and shows a campaign without a medium as a dash', () => {
    const figures = { sessions: 4, orders: 1, revenue: 50, conversion_rate: 0.25 };
    render(
      <AcquisitionPanel
        acquisition={{
          channels: [{ channel: 'organic_search', ...figures }],
          campaigns: [{ utm_source: 'news', utm_medium: null, utm_campaign: 'winter', ...figures }],
          landing_pages: [{ path: '/collections/rings', ...figures }],
        }}
      />,
    );
    const channels = screen.getByRole('table', { name: 'Channels' });
    expect(within(channels).getByRole('row', { name: /^Organic search/ })).toHaveTextContent('41$50.0025.00%');
    expect(within(screen.getByRole('table', { name: 'Campaigns' })).getByRole('row', { name: /^winter/ })).toHaveTextContent('winternews–');
  });
});

describe('CSV downloads', () => {
  function stub(headers: Record<string, string>) {
    const asked: { url: string; auth: string | null }[] = [];
    vi.stubGlobal('fetch', async (url: string, init: RequestInit) => {
      asked.push({ url, auth: new Headers(init.headers).get('authorization') });
      return new Response('value,sessions\r\nmobile,3\r\n', { headers: { 'content-type': 'text/csv', ...headers } });
    });
    const saved: string[] = [];
    URL.createObjectURL = () => 'blob:csv';
    URL.revokeObjectURL = () => {};
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      saved.push(`${this.download} ${this.href}`);
    });
    render(
      <RangeContext value={{ from: '2026-11-01', to: '2026-11-30' }}>
        <CsvDownload report="audience" table="device_type" label="the Device table" />
      </RangeContext>,
    );
    return { asked, saved };
  }

  it('asks the API for the table as CSV with the token, and saves it under the name the API gives', async () => {
    const { asked, saved } = stub({ 'content-disposition': 'attachment; filename="audience-device_type-2026-11-01-to-2026-11-30.csv"' });
    await userEvent.click(screen.getByRole('button', { name: 'Download CSV of the Device table' }));
    expect(asked).toEqual([{ url: '/api/insights/audience?from=2026-11-01&to=2026-11-30&format=csv&table=device_type', auth: 'Bearer id-token' }]);
    expect(saved).toEqual(['audience-device_type-2026-11-01-to-2026-11-30.csv blob:csv']);
  });

  it('builds the same name when a cross-origin API hides Content-Disposition', async () => {
    const { saved } = stub({});
    await userEvent.click(screen.getByRole('button', { name: /Download CSV/ }));
    expect(saved).toEqual(['audience-device_type-2026-11-01-to-2026-11-30.csv blob:csv']);
  });
});
