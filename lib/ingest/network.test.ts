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

  it('is off at 0', () => {
    const limiter = new RateLimiter(0);
    expect(Array.from({ length: 1000 }, () => limiter.hit('a', 0)).every((wait) => wait === null)).toBe(true);
  });
});
