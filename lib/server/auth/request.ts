import "server-only";
import { env } from "@/lib/env";

// Facts about a request that auth decisions rest on. X-Forwarded-* headers are read only
// when TOUCHLINE_TRUSTED_PROXIES says a reverse proxy sets them; otherwise a client could
// choose them. The socket address reaches the handlers as PEER_HEADER, which
// scripts/server.mjs sets on every request (overwriting whatever the client sent).

type Req = { headers: Headers; nextUrl?: { host: string; protocol: string }; url: string };

/** Set by scripts/server.mjs from the socket; never trusted from a client (it is overwritten). */
export const PEER_HEADER = "x-touchline-peer";

const list = (v: string | null) =>
  (v ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);

const trustedHops = () => env().TOUCHLINE_TRUSTED_PROXIES;

/** The value a trusted proxy wrote: with N trusted hops, the N-th entry from the right. */
function forwarded(req: Req, name: string): string | null {
  const n = trustedHops();
  if (n === 0) return null;
  const values = list(req.headers.get(name));
  return values.length ? (values[Math.max(0, values.length - n)] ?? null) : null;
}

/** The host the browser addressed: the Host header (or a trusted proxy's X-Forwarded-Host). */
export function requestHost(req: Req): string {
  return (
    forwarded(req, "x-forwarded-host") ??
    list(req.headers.get("host"))[0] ??
    req.nextUrl?.host ??
    new URL(req.url).host
  ).toLowerCase();
}

export function isHttps(req: Req): boolean {
  const proto = forwarded(req, "x-forwarded-proto");
  if (proto) return proto === "https";
  return (req.nextUrl?.protocol ?? new URL(req.url).protocol) === "https:";
}

/**
 * The hosts Touchline answers to: localhost and 127.0.0.1 (and [::1]) on the listening
 * port, and the host of TOUCHLINE_PUBLIC_URL. A request naming any other host is refused
 * (421), so a DNS name rebound to 127.0.0.1 does not reach the app with our cookies' trust.
 */
export function allowedHosts(): Set<string> {
  const e = env();
  const port = String(e.PORT);
  const hosts = new Set<string>();
  for (const h of ["localhost", "127.0.0.1", "[::1]"]) {
    hosts.add(`${h}:${port}`);
    if (port === "80") hosts.add(h);
  }
  if (e.TOUCHLINE_PUBLIC_URL) hosts.add(new URL(e.TOUCHLINE_PUBLIC_URL).host.toLowerCase());
  return hosts;
}

export const isAllowedHost = (host: string) => allowedHosts().has(host.toLowerCase());

/**
 * True when the request's Origin is this app's own origin: the same host the request
 * addressed, and that host one of ours. A missing Origin, `null` (sandboxed frames, some
 * redirects) or anything unparsable is not. Only hosts are compared: a TLS-terminating
 * proxy that does not say it was https must not break sign-in.
 */
export function isSameOrigin(req: Req): boolean {
  const origin = req.headers.get("origin");
  if (!origin || origin === "null") return false;
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return false;
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") return false;
  const host = requestHost(req);
  return url.host.toLowerCase() === host && isAllowedHost(host);
}

export const STATE_CHANGING = new Set(["POST", "PUT", "PATCH", "DELETE"]);

/**
 * The client's address for throttling: the socket address, or — behind N trusted proxies —
 * the address the N-th proxy from us saw. Never a hop the client itself wrote.
 */
export function clientAddress(req: Req): string {
  const peer = req.headers.get(PEER_HEADER)?.trim() || "unknown";
  const n = trustedHops();
  if (n === 0) return peer;
  const chain = [...list(req.headers.get("x-forwarded-for")), peer];
  return chain[Math.max(0, chain.length - 1 - n)] ?? peer;
}

/** A short browser description for the sessions list ("Chrome on macOS"). */
export function describeUserAgent(ua: string | null | undefined): string | null {
  if (!ua) return null;
  const browser = /Edg\//.test(ua)
    ? "Edge"
    : /OPR\//.test(ua)
      ? "Opera"
      : /Firefox\//.test(ua)
        ? "Firefox"
        : /Chrom(e|ium)\//.test(ua)
          ? /HeadlessChrome/.test(ua)
            ? "Headless Chrome"
            : "Chrome"
          : /Safari\//.test(ua)
            ? "Safari"
            : /curl\//.test(ua)
              ? "curl"
              : /node|undici/i.test(ua)
                ? "Script"
                : "Browser";
  const os = /iPhone|iPad/.test(ua)
    ? "iOS"
    : /Android/.test(ua)
      ? "Android"
      : /Mac OS X|Macintosh/.test(ua)
        ? "macOS"
        : /Windows/.test(ua)
          ? "Windows"
          : /Linux/.test(ua)
            ? "Linux"
            : null;
  return os ? `${browser} on ${os}` : browser;
}
