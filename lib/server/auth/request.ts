import "server-only";

// Facts about a request that auth decisions rest on. Behind a reverse proxy the
// X-Forwarded-* headers carry the public host and scheme (Next's own server sets them
// for direct requests too).

type Req = { headers: Headers; nextUrl?: { host: string; protocol: string }; url: string };

const first = (v: string | null) => v?.split(",")[0]?.trim() || null;

/** The host the browser addressed: X-Forwarded-Host, else Host, else the URL's. */
export function requestHost(req: Req): string {
  return (
    first(req.headers.get("x-forwarded-host")) ??
    first(req.headers.get("host")) ??
    req.nextUrl?.host ??
    new URL(req.url).host
  );
}

export function isHttps(req: Req): boolean {
  const proto = first(req.headers.get("x-forwarded-proto"));
  if (proto) return proto === "https";
  return (req.nextUrl?.protocol ?? new URL(req.url).protocol) === "https:";
}

/**
 * True when the request's Origin is this app's own origin. A missing Origin, `null`
 * (sandboxed frames, some redirects) or anything unparsable is not.
 * Only the host is compared: http and https on our own host are both us, and a
 * TLS-terminating proxy that does not forward the scheme must not break sign-in.
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
  return url.host.toLowerCase() === requestHost(req).toLowerCase();
}

export const STATE_CHANGING = new Set(["POST", "PUT", "PATCH", "DELETE"]);

/** The client's address for throttling (first X-Forwarded-For hop, else X-Real-IP). */
export function clientAddress(req: Req): string {
  return first(req.headers.get("x-forwarded-for")) ?? first(req.headers.get("x-real-ip")) ?? "unknown";
}
