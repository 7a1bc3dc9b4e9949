// Kept for e2e/insights.spec.ts only, until it moves onto the tracking test kit (e2e/clickstream),
// which every other spec uses.
import { expect } from '@playwright/test';
import { storedEventSchema, type StoredEvent } from '../../lib/contract/events';
import { storedSince } from '../clickstream/at-rest';
import { E2E } from './env';

export { clientIdOf } from '../clickstream/browser-state';

/** Waits until `count` events named `name` are stored for `clientId` (received today or yesterday); returns them. */
export async function waitForStoredNamed(clientId: string, name: string, count = 1, timeout = 20_000): Promise<StoredEvent[]> {
  const named = () =>
    (storedSince(E2E.dataDir, new Date(Date.now() - 86_400_000)) as StoredEvent[])
      .filter((e) => e.client_id === clientId && e.event_name === name)
      .map((e) => storedEventSchema.parse(e));
  await expect.poll(() => named().length, { timeout }).toBe(count);
  return named();
}
