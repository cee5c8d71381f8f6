/**
 * Exact sliding-log limiter: at most `limit` requests per key in any `windowMs`.
 * 25 requests in one burst against 20 / 2 s give exactly 20 passes and 5 refusals.
 */
export class SlidingLog {
  private log = new Map<string, number[]>();
  constructor(
    readonly limit: number,
    readonly windowMs: number,
    private now: () => number = Date.now,
  ) {}

  take(key: string): { ok: boolean; remaining: number; retryAfterMs: number; resetAt: number } {
    const t = this.now();
    const hits = (this.log.get(key) ?? []).filter((h) => h > t - this.windowMs);
    if (hits.length >= this.limit) {
      this.log.set(key, hits);
      const resetAt = hits[0]! + this.windowMs;
      return { ok: false, remaining: 0, retryAfterMs: Math.max(1, resetAt - t), resetAt };
    }
    hits.push(t);
    this.log.set(key, hits);
    return { ok: true, remaining: this.limit - hits.length, retryAfterMs: 0, resetAt: hits[0]! + this.windowMs };
  }

  reset(): void {
    this.log.clear();
  }
}

/** A counter that resets at the next UTC midnight (a daily quota). */
export class DailyQuota {
  private used = new Map<string, { day: string; n: number }>();
  constructor(
    readonly limit: number,
    private now: () => number = Date.now,
  ) {}

  take(key: string): { ok: boolean; remaining: number; resetAt: number } {
    const t = new Date(this.now());
    const day = t.toISOString().slice(0, 10);
    const resetAt = Date.UTC(t.getUTCFullYear(), t.getUTCMonth(), t.getUTCDate() + 1);
    const cur = this.used.get(key);
    const n = cur && cur.day === day ? cur.n : 0;
    if (n >= this.limit) return { ok: false, remaining: 0, resetAt };
    this.used.set(key, { day, n: n + 1 });
    return { ok: true, remaining: this.limit - n - 1, resetAt };
  }

  reset(): void {
    this.used.clear();
  }
}
