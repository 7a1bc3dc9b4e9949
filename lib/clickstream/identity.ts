import { readJson, uuid, writeJson } from './store';

export const CLIENT_KEY = 'lumen.cs.client';
export const SESSION_KEY = 'lumen.cs.session';
// A cookie without an expiry dies with the browser session, which localStorage cannot tell.
const BROWSER_SESSION_COOKIE = 'lumen_cs_s';
export const SESSION_TIMEOUT_MS = 30 * 60 * 1000;

type Client = { id: string; first: string };
type Session = { id: string; last: number };

export type Identity = { client_id: string; session_id: string; is_first_visit: boolean };

function browserSessionAlive(): boolean {
  return document.cookie.split('; ').includes(`${BROWSER_SESSION_COOKIE}=1`);
}

/** Identity for an event happening at `now`; starts a new session after 30 idle minutes or a browser restart. */
export function touchIdentity(now: number): Identity {
  let session = readJson<Session>(SESSION_KEY);
  if (!session?.id || !(now - session.last <= SESSION_TIMEOUT_MS) || !browserSessionAlive()) {
    session = { id: uuid(), last: now };
  }
  let client = readJson<Client>(CLIENT_KEY);
  if (!client?.id) {
    client = { id: uuid(), first: session.id };
    writeJson(CLIENT_KEY, client);
  }
  writeJson(SESSION_KEY, { id: session.id, last: Math.max(now, session.last) });
  document.cookie = `${BROWSER_SESSION_COOKIE}=1; path=/; SameSite=Lax`;
  return { client_id: client.id, session_id: session.id, is_first_visit: client.first === session.id };
}
