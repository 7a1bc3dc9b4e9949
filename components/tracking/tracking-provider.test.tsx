// @vitest-environment jsdom
import { act, cleanup, render, screen } from '@testing-library/react';
import { StrictMode } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { wireEventSchema } from '@/lib/contract/events';
import { resetBrowserState, scriptedEndpoint } from '@/lib/clickstream/test-helpers';
import { TrackingProvider } from './tracking-provider';
import { TrackOnMount } from './track-on-mount';

// The router is Next's; the URL it reports is set by each test, as a navigation would.
const nav = vi.hoisted(() => ({ path: '/', query: '' }));
vi.mock('next/navigation', () => ({
  usePathname: () => nav.path,
  useSearchParams: () => new URLSearchParams(nav.query),
}));

function go(path: string, query = '') {
  nav.path = path;
  nav.query = query;
  history.pushState(null, '', query ? `${path}?${query}` : path);
}

const App = ({ children }: { children?: React.ReactNode }) => (
  <StrictMode>
    <TrackingProvider>
      <p>page body</p>
      {children}
    </TrackingProvider>
  </StrictMode>
);

let api: ReturnType<typeof scriptedEndpoint>;

beforeEach(() => {
  resetBrowserState();
  api = scriptedEndpoint();
  go('/');
});
afterEach(cleanup);

describe('TrackingProvider', () => {
  it('records one page_view per navigation, none for re-renders or Strict Mode', async () => {
    document.title = 'Lumen Jewelry';
    const { rerender } = render(<App />);
    expect(screen.getByText('page body')).toBeInTheDocument();
    await vi.waitFor(() => expect(api.named('page_view')).toHaveLength(1));
    rerender(<App />);

    go('/collections/rings');
    rerender(<App />);
    go('/collections/rings', 'sort=price-asc');
    rerender(<App />);
    go('/collections/rings');
    rerender(<App />); // back
    await vi.waitFor(() => expect(api.named('page_view')).toHaveLength(4), { timeout: 3000 });
    await new Promise((r) => setTimeout(r, 1200));

    const views = api.named('page_view');
    expect(views).toHaveLength(4);
    expect(views.map((e) => e.page_url.replace('http://localhost:3000', ''))).toEqual([
      '/', '/collections/rings', '/collections/rings?sort=price-asc', '/collections/rings',
    ]);
    expect(views[1].referrer).toBe('http://localhost:3000/');
    expect(views[2].referrer).toBe('http://localhost:3000/collections/rings');
    for (const e of views) expect(wireEventSchema.safeParse(e).success).toBe(true);
    expect(new Set(views.map((e) => e.session_id)).size).toBe(1);
  });

  it('records a server page\'s event once per key (search)', async () => {
    go('/search', 'q=gold');
    const { rerender } = render(
      <App>
        <TrackOnMount name="search" extras={{ search_term: 'gold', result_count: 5 }} onceKey="gold" />
      </App>,
    );
    rerender(
      <App>
        <TrackOnMount name="search" extras={{ search_term: 'gold', result_count: 5 }} onceKey="gold" />
      </App>,
    );
    await vi.waitFor(() => expect(api.named('search')).toHaveLength(1), { timeout: 3000 });
    go('/search', 'q=pearl');
    await act(async () => {
      rerender(
        <App>
          <TrackOnMount name="search" extras={{ search_term: 'pearl', result_count: 0 }} onceKey="pearl" />
        </App>,
      );
    });
    await vi.waitFor(() => expect(api.named('search')).toHaveLength(2), { timeout: 3000 });
    expect(api.named('search').map((e) => [e.search_term, e.result_count, e.page_path])).toEqual([
      ['gold', 5, '/search'],
      ['pearl', 0, '/search'],
    ]);
  });
});
