import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hangUntil } from "@/lib/sandbox/shared/faults";
import { serveHandler, type RunningServer } from "@/lib/sandbox/shared/serve";
import { VendorUnavailableError } from "./errors";
import { createVendorHttp } from "./http";
import { SlidingWindowPacer } from "./pacer";

// A vendor that never answers, over real HTTP on 127.0.0.1.
let server: RunningServer;
beforeAll(async () => {
  server = await serveHandler((req) => hangUntil(req.signal));
});
afterAll(() => server?.close());

describe("the request timeout", () => {
  it("fires while garbage collection runs, also with a caller's signal (a sync always passes one)", async () => {
    // Node 20 lost AbortSignal.timeout() inside AbortSignal.any() to a GC, and the request hung for good.
    setFlagsFromString("--expose-gc");
    const gc = runInNewContext("gc") as () => void;
    const collector = setInterval(gc, 20);
    const http = createVendorHttp({
      vendor: "lemlist",
      baseUrl: server.url,
      authorize: () => {},
      pacers: [new SlidingWindowPacer(100, 1000)],
      secrets: [],
      timeoutMs: 200,
      maxRetries: 1,
      sleep: async () => {},
    });
    const caller = new AbortController();
    const started = Date.now();
    try {
      const outcome = await Promise.race([
        http.request("/hang", { signal: caller.signal }).then(
          () => "answered",
          (err: unknown) => err,
        ),
        new Promise((r) => setTimeout(() => r("still waiting after 5 s"), 5_000)),
      ]);
      expect(outcome).toBeInstanceOf(VendorUnavailableError);
      expect((outcome as Error).message).toContain("timed out after 200 ms");
      expect(Date.now() - started).toBeLessThan(2_000);
    } finally {
      clearInterval(collector);
      caller.abort();
    }
  });
});
