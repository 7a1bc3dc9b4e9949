// localStorage as JSON, falling back to memory when storage is blocked (private modes, quotas),
// so tracking keeps working for the page's lifetime and never throws into the store.
const memory = new Map<string, string>();

function storage(): Storage | null {
  try {
    return globalThis.localStorage ?? null;
  } catch {
    return null;
  }
}

export function readJson<T>(key: string): T | null {
  try {
    const raw = storage()?.getItem(key) ?? memory.get(key);
    return raw == null ? null : (JSON.parse(raw) as T);
  } catch {
    return null;
  }
}

/** False when the value could not be written durably (e.g. quota exceeded). */
export function writeJson(key: string, value: unknown): boolean {
  const raw = JSON.stringify(value);
  memory.set(key, raw);
  try {
    const s = storage();
    if (!s) return false;
    s.setItem(key, raw);
    return true;
  } catch {
    return false;
  }
}

export function removeKey(key: string): void {
  memory.delete(key);
  try {
    storage()?.removeItem(key);
  } catch {
    // Nothing to do: the memory copy is gone.
  }
}

export const uuid = (): string => crypto.randomUUID();
