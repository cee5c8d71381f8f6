import { afterEach, describe, expect, it } from "vitest";
import { resetEnvCache } from "@/lib/env";
import { safeNext } from "./current-user";
import { clientAddress, isAllowedHost, isSameOrigin, requestHost } from "./request";

// The request facts auth rests on: where a sign-in may send you, which hosts are ours,
// and whose address a throttle counts. Each case here got through before this code.

const ORIGIN = "http://127.0.0.1:3000";
const req = (headers: Record<string, string>) => ({ headers: new Headers(headers), url: `${ORIGIN}/api/v1/x` });

afterEach(() => {
  delete process.env.TOUCHLINE_TRUSTED_PROXIES;
  delete process.env.TOUCHLINE_PUBLIC_URL;
  delete process.env.PORT;
  resetEnvCache();
});

describe("safeNext: a sign-in only ever goes back to this site", () => {
  it.each([
    ["/\t/evil.example", "/"],
    ["/\n/evil.example", "/"],
    ["/%09/evil.example", "/%09/evil.example"], // percent-encoded stays a path on this site
    ["//evil.example", "/"],
    ["/\\evil.example", "/"],
    ["\\\\evil.example", "/"],
    ["https://evil.example/x", "/"],
    ["http://127.0.0.1:3000.evil.example/", "/"],
    ["javascript:alert(1)", "/"],
    [" /contacts", "/contacts"],
    ["/contacts?q=ada#top", "/contacts?q=ada#top"],
    ["/sign-in?next=//evil", "/"],
    ["/api/v1/tokens", "/"],
    ["", "/"],
  ])("%j → %j", (next, expected) => {
    const out = safeNext(next, ORIGIN);
    expect(out).toBe(expected);
    expect(new URL(out, ORIGIN).origin).toBe(ORIGIN);
  });
});

describe("hosts: Touchline answers only to its own names (no DNS rebinding)", () => {
  it("allows localhost and 127.0.0.1 on the port, and TOUCHLINE_PUBLIC_URL's host", () => {
    process.env.PORT = "3000";
    process.env.TOUCHLINE_PUBLIC_URL = "https://touchline.example.com";
    resetEnvCache();
    for (const h of ["127.0.0.1:3000", "localhost:3000", "[::1]:3000", "touchline.example.com", "LOCALHOST:3000"])
      expect(isAllowedHost(h), h).toBe(true);
    for (const h of ["rebind.attacker.example:3000", "127.0.0.1:3001", "touchline.example.com.evil:443", "127.0.0.1"])
      expect(isAllowedHost(h), h).toBe(false);
  });

  it("reads X-Forwarded-Host only behind a trusted proxy", () => {
    const r = req({ host: "127.0.0.1:3000", "x-forwarded-host": "rebind.attacker.example" });
    expect(requestHost(r)).toBe("127.0.0.1:3000");
    process.env.TOUCHLINE_TRUSTED_PROXIES = "1";
    resetEnvCache();
    expect(requestHost(r)).toBe("rebind.attacker.example");
  });

  it("an Origin counts as ours only when it names the request's host and that host is ours", () => {
    expect(isSameOrigin(req({ host: "127.0.0.1:3000", origin: ORIGIN }))).toBe(true);
    // A page on a rebound name: its Origin matches its Host, but the host is not ours.
    expect(
      isSameOrigin(req({ host: "rebind.attacker.example:3000", origin: "http://rebind.attacker.example:3000" })),
    ).toBe(false);
  });
});

describe("clientAddress: never a hop the client wrote", () => {
  it("uses the socket address, whatever X-Forwarded-For says", () => {
    const r = req({
      "x-touchline-peer": "203.0.113.9",
      "x-forwarded-for": "198.51.100.1",
      "x-real-ip": "198.51.100.2",
    });
    expect(clientAddress(r)).toBe("203.0.113.9");
  });

  it("behind N trusted proxies, the address the N-th proxy saw", () => {
    process.env.TOUCHLINE_TRUSTED_PROXIES = "1";
    resetEnvCache();
    // The client prepends a fake hop; our proxy appended the real one.
    const r = req({ "x-touchline-peer": "10.0.0.2", "x-forwarded-for": "1.2.3.4, 198.51.100.7" });
    expect(clientAddress(r)).toBe("198.51.100.7");
    process.env.TOUCHLINE_TRUSTED_PROXIES = "2";
    resetEnvCache();
    expect(clientAddress(r)).toBe("1.2.3.4");
  });
});
