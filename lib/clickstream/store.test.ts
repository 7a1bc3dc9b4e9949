// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { readJson, uuid, writeJson } from './store';

describe('store', () => {
  afterEach(() => vi.restoreAllMocks());

  it('makes v4 UUIDs, also where randomUUID is missing (plain-HTTP pages)', () => {
    const v4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
    expect(uuid()).toMatch(v4);
    const original = Object.getOwnPropertyDescriptor(crypto, 'randomUUID');
    Object.defineProperty(crypto, 'randomUUID', { value: undefined, configurable: true });
    const made = Array.from({ length: 50 }, uuid);
    if (original) Object.defineProperty(crypto, 'randomUUID', original);
    else Reflect.deleteProperty(crypto, 'randomUUID');
    for (const id of made) expect(id).toMatch(v4);
    expect(new Set(made).size).toBe(50);
  });

  it('never throws when storage refuses a write, and says so', () => {
    vi.spyOn(Storage.prototype, 'setItem').mockImplementation(() => {
      throw new DOMException('full', 'QuotaExceededError');
    });
    expect(writeJson('k', { a: 1 })).toBe(false);
    vi.spyOn(Storage.prototype, 'getItem').mockImplementation(() => '{not json');
    expect(readJson('k')).toBeNull();
  });
});
