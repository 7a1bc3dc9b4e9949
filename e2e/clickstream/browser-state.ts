// The tracker's state in a page's localStorage: its browser identity and its outbox.
import { expect, type Page } from '@playwright/test';
import { CLIENT_KEY } from '../../lib/clickstream/identity';
import { OUTBOX_PREFIX } from '../../lib/clickstream/outbox';

/** The client_id the tracker keeps in this page's localStorage (one per browser context). */
export async function clientIdOf(page: Page): Promise<string> {
  const id = await page.evaluate((key) => JSON.parse(localStorage.getItem(key) ?? 'null')?.id as string | undefined, CLIENT_KEY);
  expect(id, 'the tracker has a client_id').toBeTruthy();
  return id!;
}

/** How many events wait in the outbox this page's tabs share. */
export function outboxLength(page: Page): Promise<number> {
  return page.evaluate((prefix) => Object.keys(localStorage).filter((key) => key.startsWith(prefix)).length, OUTBOX_PREFIX);
}
