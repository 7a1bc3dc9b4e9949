// A contract-true event to post by hand (clickstream.send), for checks of the API itself.
import { randomUUID } from 'node:crypto';
import { E2E } from '../support/env';

/** A page_view with fresh ids (so a fresh client), overridable field by field. */
export function sampleEvent(overrides: Record<string, unknown> = {}) {
  return {
    event_id: randomUUID(),
    event_name: 'page_view',
    client_timestamp: new Date().toISOString(),
    client_id: randomUUID(),
    session_id: randomUUID(),
    is_first_visit: false,
    user_id: null,
    user_login_state: 'anonymous',
    identity_source: 'anonymous',
    page_url: `${E2E.baseURL}/collections/rings`,
    page_path: '/collections/rings',
    page_title: 'Rings | Lumen',
    referrer: null,
    language: 'fr-FR',
    screen_width: 390,
    screen_height: 844,
    timezone: 'Europe/Paris',
    ...overrides,
  };
}
