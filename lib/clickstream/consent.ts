import { readJson, removeKey, writeJson } from './store';

export const OPT_OUT_KEY = 'lumen.cs.optout';

/** Global Privacy Control: when the browser sends it, nothing is tracked at all. */
export function hasGpc(): boolean {
  return typeof navigator !== 'undefined' && (navigator as { globalPrivacyControl?: boolean }).globalPrivacyControl === true;
}

export function isOptedOut(): boolean {
  return readJson<boolean>(OPT_OUT_KEY) === true;
}

export function trackingAllowed(): boolean {
  return !hasGpc() && !isOptedOut();
}

/** Persists the shopper's choice; opting back in forgets the flag rather than storing "false". */
export function setOptedOut(out: boolean): void {
  if (out) writeJson(OPT_OUT_KEY, true);
  else removeKey(OPT_OUT_KEY);
}
