// localStorage as JSON. Where storage is blocked altogether (some private modes), a memory map
// stands in so that tracking still works for the page's lifetime; nothing here ever throws.
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
    const s = storage();
    const raw = s ? s.getItem(key) : memory.get(key);
    return raw == null ? null : (JSON.parse(raw) as T);
  } catch {
    return null;
  }
}

/** False when the value could not be written (e.g. quota exceeded). */
export function writeJson(key: string, value: unknown): boolean {
  const raw = JSON.stringify(value);
  const s = storage();
  if (!s) return memory.set(key, raw) && true;
  try {
    s.setItem(key, raw);
    return true;
  } catch {
    return false;
  }
}

/** UTF-8 bytes, as a request body counts them. */
export const byteLength = (s: string): number => new TextEncoder().encode(s).length;

/** Every key that starts with `prefix`. */
export function keysWith(prefix: string): string[] {
  const s = storage();
  const all = s ? Array.from({ length: s.length }, (_, i) => s.key(i) ?? '') : [...memory.keys()];
  return all.filter((key) => key.startsWith(prefix));
}

export function removeKey(key: string): void {
  memory.delete(key);
  try {
    storage()?.removeItem(key);
  } catch {
    // Blocked storage has nothing to remove.
  }
}

/** A v4 UUID; randomUUID exists only in secure contexts, so plain-HTTP pages build one by hand. */
export const uuid = (): string =>
  crypto.randomUUID?.() ??
  '10000000-1000-4000-8000-100000000000'.replace(/[018]/g, (c) =>
    (Number(c) ^ (crypto.getRandomValues(new Uint8Array(1))[0] & (15 >> (Number(c) / 4)))).toString(16),
  );
