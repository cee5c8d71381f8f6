import { describe, expect, it } from "vitest";
import { sharedPacer, SlidingWindowPacer } from "./pacer";

/** A pacer on a fake clock: sleeping moves the clock, so waits are exact and instant. */
function fakePacer(limit: number, windowMs: number) {
  let t = 0;
  const pacer = new SlidingWindowPacer(
    limit,
    windowMs,
    () => t,
    async (ms) => {
      t += ms;
    },
  );
  return { pacer, now: () => t, advance: (ms: number) => (t += ms) };
}

describe("SlidingWindowPacer", () => {
  it("grants `limit` starts per window, then waits for the oldest to leave it", async () => {
    const { pacer, now } = fakePacer(2, 1000);
    await pacer.acquire();
    await pacer.acquire();
    expect(now()).toBe(0);
    await pacer.acquire();
    expect(now()).toBe(1001);
  });

  it("counts a finished request from when its answer arrived, the latest the vendor can have counted it", async () => {
    const { pacer, now, advance } = fakePacer(2, 1000);
    const a = await pacer.acquire();
    const b = await pacer.acquire();
    b.done();
    // The event loop was busy: a's answer came 300 ms after its slot was granted.
    advance(300);
    a.done();
    advance(701);
    // b (counted at 0) has left the window; a (counted at 300) has not, so one slot is free…
    await pacer.acquire();
    expect(now()).toBe(1001);
    // …and the next waits until a full window after a's answer.
    await pacer.acquire();
    expect(now()).toBe(1301);
  });

  it("holds everyone back until a 429's Retry-After has passed", async () => {
    const { pacer, now } = fakePacer(10, 1000);
    pacer.pauseUntil(5000);
    await pacer.acquire();
    expect(now()).toBe(5000);
  });
});

describe("sharedPacer", () => {
  const key = { vendor: "leadlex", baseUrl: "http://127.0.0.1:1/api", apiKey: "wbk_shared_pacer_test_key" };
  const pace = { limit: 2, windowMs: 400 };

  it("gives every session of one key the same budget, and another key its own", async () => {
    const a = sharedPacer(key, pace);
    // A later session's starting pace (a guess) does not lower the pace the pacer has.
    const b = sharedPacer(key, { limit: 1, windowMs: pace.windowMs });
    expect(b).toBe(a);
    expect(sharedPacer({ ...key, apiKey: "wbk_another_key_entirely" }, pace)).not.toBe(a);
    expect(sharedPacer({ ...key, vendor: "lemlist" }, pace)).not.toBe(a);
    // Two requests by the first session use the window: the next session's first waits for it.
    const first = performance.now();
    (await a.acquire()).done();
    (await a.acquire()).done();
    expect(performance.now() - first, "two starts in the window, at the first pace").toBeLessThan(200);
    const started = performance.now();
    const waiting = b.acquire().then((slot) => (slot.done(), performance.now() - started));
    const raced = await Promise.race([
      waiting.then(() => "granted"),
      new Promise((r) => setTimeout(() => r("held"), 150)),
    ]);
    expect(raced).toBe("held");
    expect(await waiting).toBeGreaterThanOrEqual(300);
  });
});
