// @vitest-environment jsdom
import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { WireEvent } from '@/lib/contract/events';
import { OPT_OUT_KEY } from '@/lib/clickstream/consent';
import { appendEvent, outboxEvents } from '@/lib/clickstream/outbox';
import { resetBrowserState, scriptedEndpoint } from '@/lib/clickstream/test-helpers';
import { PrivacyChoices } from './privacy-choices';

beforeEach(resetBrowserState);
afterEach(() => {
  cleanup();
  Reflect.deleteProperty(navigator, 'globalPrivacyControl');
});

describe('PrivacyChoices', () => {
  it('opts out (emptying the outbox, sending nothing) and back in, and remembers the choice', async () => {
    const api = scriptedEndpoint();
    appendEvent({ event_id: 'waiting' } as WireEvent);
    const { unmount } = render(<PrivacyChoices />);
    await userEvent.click(screen.getByText('Privacy choices'));
    await userEvent.click(screen.getByRole('button', { name: 'Opt out of tracking' }));
    expect(screen.getByRole('status')).toHaveTextContent('You opted out');
    expect(outboxEvents()).toEqual([]);
    await new Promise((r) => setTimeout(r, 100));
    expect(api.fetchMock).not.toHaveBeenCalled();
    expect(localStorage.getItem(OPT_OUT_KEY)).toBe('true');

    unmount();
    render(<PrivacyChoices />);
    await userEvent.click(screen.getByText('Privacy choices'));
    await userEvent.click(screen.getByRole('button', { name: 'Allow tracking' }));
    expect(screen.getByRole('status')).toHaveTextContent('records the pages you view');
    expect(localStorage.getItem(OPT_OUT_KEY)).toBeNull();
  });

  it('says that nothing is recorded under Global Privacy Control, with nothing to switch', async () => {
    Object.defineProperty(navigator, 'globalPrivacyControl', { value: true, configurable: true });
    render(<PrivacyChoices />);
    await userEvent.click(screen.getByText('Privacy choices'));
    expect(screen.getByRole('status')).toHaveTextContent('Global Privacy Control');
    expect(screen.queryByRole('button')).toBeNull();
  });
});
