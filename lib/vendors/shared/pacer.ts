import "server-only";
import { createHash } from "node:crypto";
/**
 * Client-side pacing under a vendor's documented limit: at most `limit` request
 * starts in any sliding `windowMs`. `pauseUntil` holds every caller back after a
 * 429 (Retry-After) or an exhausted RateLimit header. Waiting time is reported so
 * the sync can show "rate-limit waits".
 *
 * A request is counted from the moment its slot is granted, and — once the caller calls
 * `slot.done()` — from the moment its answer arrived instead. The vendor counts a request
 * when it arrives, which can be well after the grant when the event loop was busy (a big
 * store write blocks it for a few hundred ms); the answer's arrival is the latest moment
 * the vendor can have counted it, so the next request in its place waits a full window
 * after that and the vendor never sees `limit + 1` in one window.
 */
export interface PacerSlot {
  done(): void;
}

export class SlidingWindowPacer {
  private starts: { at: number }[] = [];
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
  acquire(signal?: AbortSignal): Promise<PacerSlot> {
    const next = this.queue.then(() => this.waitTurn(signal));
    this.queue = next.then(
      () => {},
      () => {},
    );
    return next;
  }

  private async waitTurn(signal?: AbortSignal): Promise<PacerSlot> {
    for (;;) {
      signal?.throwIfAborted();
      const t = this.now();
      this.starts = this.starts.filter((s) => s.at > t - this.windowMs);
      let wait = Math.max(0, this.pausedUntil - t);
      if (wait === 0 && this.starts.length >= this.limit)
        wait = Math.min(...this.starts.map((s) => s.at)) + this.windowMs - t + 1;
      if (wait <= 0) {
        const start = { at: t };
        this.starts.push(start);
        return { done: () => void (start.at = Math.max(start.at, this.now())) };
      }
      this.waitedMs += wait;
      await this.sleep(wait);
    }
  }
}

// One pacer per (vendor, base URL, key): a vendor's limit is per key, so every session and
// stream of the same key in this process shares one budget — a sync that starts right after
// another must not spend the window the last one used (it drew a 429 from Leadlex). Kept on
// globalThis because under Next the sync and the task-write routes are separate bundles
// with their own modules. The limit is the first caller's until one learns another (headers).
const holder = globalThis as unknown as { __touchlinePacers?: Map<string, SlidingWindowPacer> };
const shared = (holder.__touchlinePacers ??= new Map<string, SlidingWindowPacer>());

export function sharedPacer(
  key: { vendor: string; baseUrl: string; apiKey: string },
  pace: { limit: number; windowMs: number },
): SlidingWindowPacer {
  const id = `${key.vendor}\n${key.baseUrl}\n${createHash("sha256").update(key.apiKey).digest("hex")}\n${pace.windowMs}`;
  let p = shared.get(id);
  // A later session's starting pace is a guess (a plan before any header said otherwise): it
  // must not lower a pace an earlier session learnt, or the next request waits for a window
  // the guess makes look full. What a session learns it sets through `setLimit`.
  if (!p) shared.set(id, (p = new SlidingWindowPacer(pace.limit, pace.windowMs)));
  return p;
}
