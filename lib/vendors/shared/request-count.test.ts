import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createVendorHttp } from "./http";
import { SlidingWindowPacer } from "./pacer";
import { countRequests } from "./request-count";

// A real server that fails the first attempt of every path with a 503, so retries count too.
let server: http.Server;
let base = "";
const seen = new Set<string>();
beforeAll(async () => {
  server = http.createServer((req, res) => {
    const first = !seen.has(req.url!);
    seen.add(req.url!);
    res.writeHead(first ? 503 : 200, { "content-type": "application/json" });
    res.end(first ? "{}" : JSON.stringify({ ok: true }));
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

const client = () =>
  createVendorHttp({
    vendor: "lemlist",
    baseUrl: base,
    authorize: () => {},
    pacers: [new SlidingWindowPacer(100, 1000)],
    secrets: [],
    sleep: async () => {},
  });

describe("countRequests", () => {
  it("counts every attempt made inside it, retries included, and nothing outside it", async () => {
    const tally = { requests: 0 };
    const h = client();
    await countRequests(tally, async () => {
      await h.request("/a");
      await Promise.all([h.request("/b"), h.request("/c")]);
    });
    expect(tally.requests).toBe(6);
    await h.request("/d");
    expect(tally.requests).toBe(6);
  });
});
