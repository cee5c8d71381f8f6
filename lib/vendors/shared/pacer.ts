/**
 * Client-side pacing under a vendor's documented limit: at most `limit` request
 * starts in any sliding `windowMs`. `pauseUntil` holds every caller back after a
 * 429 (Retry-After) or an exhausted RateLimit header. Waiting time is reported so
 * the sync can show "rate-limit waits".
 */
export class SlidingWindowPacer {
  private starts: number[] = [];
  private pausedUntil = 0;
  private queue: Promise<void> = Promise.resolve();
  waitedMs = 0;

  constructor(
    private limit: number,
    private windowMs: number,
    private now: () => number = Date.now,
    private sleep: (ms: number) => Promise<void> = (ms) => new Promise((r) => setTimeout(r, ms)),
  ) {}

  setLimit(limit: number, windowMs = this.windowMs): void {
    this.limit = Math.max(1, limit);
    this.windowMs = windowMs;
  }

  pauseUntil(epochMs: number): void {
    this.pausedUntil = Math.max(this.pausedUntil, epochMs);
  }

  /** Resolves when a request may start; callers are served in order. */
  acquire(signal?: AbortSignal): Promise<void> {
    const next = this.queue.then(() => this.waitTurn(signal));
    this.queue = next.catch(() => {});
    return next;
  }

  private async waitTurn(signal?: AbortSignal): Promise<void> {
    for (;;) {
      signal?.throwIfAborted();
      const t = this.now();
      this.starts = this.starts.filter((s) => s > t - this.windowMs);
      let wait = Math.max(0, this.pausedUntil - t);
      if (wait === 0 && this.starts.length >= this.limit) wait = this.starts[0]! + this.windowMs - t + 1;
      if (wait <= 0) {
        this.starts.push(t);
        return;
      }
      this.waitedMs += wait;
      await this.sleep(wait);
    }
  }
}
