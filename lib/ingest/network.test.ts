import { describe, expect, it } from 'vitest';
import { anonymiseIp, clientIpFromForwardedFor } from './network';
import { RateLimiter } from './rate-limit';

describe('anonymiseIp', () => {
  it.each([
    ['203.0.113.45', '203.0.113.0'],
    ['::ffff:198.51.100.7', '198.51.100.0'],
    ['2001:db8:85a3:8d3:1319:8a2e:370:7348', '2001:db8:85a3::'],
    ['2001:0db8:0000::1', '2001:db8:0::'],
    ['::1', '0:0:0::'],
    ['fe80::1', 'fe80:0:0::'],
    ['not-an-ip', null],
    ['', null],
    [null, null],
  ])('%s -> %s', (raw, expected) => {
    expect(anonymiseIp(raw)).toBe(expected);
  });
});

describe('clientIpFromForwardedFor', () => {
  it('takes the entry the nearest proxy added unless the header is trusted', () => {
    expect(clientIpFromForwardedFor('10.0.0.1, 203.0.113.9', false)).toBe('203.0.113.9');
    expect(clientIpFromForwardedFor('10.0.0.1, 203.0.113.9', true)).toBe('10.0.0.1');
    expect(clientIpFromForwardedFor(null, false)).toBeNull();
  });

  it('gives no address for an entry that is not an IP, so a forged value cannot become a rate-limit key of any size', () => {
    expect(clientIpFromForwardedFor(`203.0.113.9, ${'x'.repeat(8000)}`, false)).toBeNull();
    expect(clientIpFromForwardedFor('2001:db8::7', false)).toBe('2001:db8::7');
  });
});

describe('RateLimiter', () => {
  it('allows the limit per minute per key, then asks to retry when the window ends', () => {
    const limiter = new RateLimiter(3);
    const start = 1_800_000_000_000 + 15_000;
    expect([1, 2, 3].map(() => limiter.hit('a', start))).toEqual([null, null, null]);
    expect(limiter.hit('a', start)).toBe(45);
    expect(limiter.hit('b', start)).toBeNull();
    expect(limiter.hit('a', start + 45_000)).toBeNull();
  });

  it('keeps at most its size cap of addresses, evicting the least recently seen', () => {
    const limiter = new RateLimiter(2, 3);
    const start = 1_800_000_000_000;
    expect([limiter.hit('busy', start), limiter.hit('busy', start)]).toEqual([null, null]);
    limiter.hit('idle', start);
    limiter.hit('other', start);
    expect(limiter.hit('busy', start)).toBe(60);
    // A fourth address evicts the least recently seen one (idle), not the busy client.
    limiter.hit('new', start);
    expect(limiter.size).toBe(3);
    expect(limiter.hit('busy', start)).toBe(60);
    expect([limiter.hit('idle', start), limiter.hit('idle', start), limiter.hit('idle', start)]).toEqual([null, null, 60]);

    const flooded = new RateLimiter(600, 10_000);
    for (let i = 0; i < 50_000; i += 1) flooded.hit(`198.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`, start);
    expect(flooded.size).toBe(10_000);
  });

  it('is off at 0', () => {
    const limiter = new RateLimiter(0);
    expect(Array.from({ length: 1000 }, () => limiter.hit('a', 0)).every((wait) => wait === null)).toBe(true);
  });
});
