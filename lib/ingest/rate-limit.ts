/**
 * A fixed one-minute window per key (the client IP). Kept in memory: it protects one server
 * process; API Gateway's own throttling covers the Lambda.
 */
export class RateLimiter {
  private windowStart = 0;
  private counts = new Map<string, number>();

  constructor(private readonly perMinute: number) {}

  /** Seconds to wait when `key` is over the limit, else null (and the request is counted). */
  hit(key: string, now: number): number | null {
    if (this.perMinute <= 0) return null;
    const windowStart = now - (now % 60_000);
    if (windowStart !== this.windowStart) {
      // A new window: dropping the old map also bounds memory to one minute's worth of clients.
      this.windowStart = windowStart;
      this.counts = new Map();
    }
    const count = (this.counts.get(key) ?? 0) + 1;
    this.counts.set(key, count);
    if (count <= this.perMinute) return null;
    return Math.max(1, Math.ceil((windowStart + 60_000 - now) / 1000));
  }
}
