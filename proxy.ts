import crypto from "node:crypto";
import { NextResponse, type NextRequest } from "next/server";
import { isAllowedHost, isHttps, requestHost } from "@/lib/server/auth/request";
import { openSession, SESSION_COOKIE } from "@/lib/server/auth/session";

// Runs before every request (Node.js runtime): a request naming a host Touchline does not
// answer to is refused (421 — DNS rebinding), security headers on everything (HSTS over
// https), a fresh CSP nonce for every page, and pages without a valid cookie sent to
// sign-in. The session check here only decrypts the cookie (no database); pages and API
// routes look the session up next to the data (requireUser / authenticate), so this is
// not the only line.

const PUBLIC_PAGES = ["/sign-in", "/setup", "/invite", "/reset-password"];

function contentSecurityPolicy(nonce: string, https: boolean): string {
  const dev = process.env.NODE_ENV === "development";
  return [
    "default-src 'self'",
    // Only scripts carrying this response's nonce (and what they load) run: an injected
    // <script> or inline handler (onerror=…) is inert.
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ""}`,
    // React renders style="…" attributes (progress bars, charts) and Radix injects small
    // <style> tags; styles cannot run code, scripts can — scripts are the strict part.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    ...(https ? ["upgrade-insecure-requests"] : []),
  ].join("; ");
}

function withSecurityHeaders(res: NextResponse, csp: string | null, https = false): NextResponse {
  if (csp) res.headers.set("content-security-policy", csp);
  if (https) res.headers.set("strict-transport-security", "max-age=31536000; includeSubDomains");
  res.headers.set("x-content-type-options", "nosniff");
  res.headers.set("referrer-policy", "strict-origin-when-cross-origin");
  res.headers.set("x-frame-options", "DENY");
  res.headers.set("permissions-policy", "camera=(), microphone=(), geolocation=(), payment=()");
  res.headers.set("cross-origin-opener-policy", "same-origin");
  return res;
}

export async function proxy(req: NextRequest) {
  const { pathname, search } = req.nextUrl;
  const https = isHttps(req);

  if (!isAllowedHost(requestHost(req))) {
    const body = JSON.stringify({
      type: "about:blank",
      title: "Misdirected request",
      status: 421,
      detail:
        "This request names a host Touchline does not answer to. Set TOUCHLINE_PUBLIC_URL to the address people use.",
    });
    return withSecurityHeaders(
      new NextResponse(body, { status: 421, headers: { "content-type": "application/problem+json" } }),
      "default-src 'none'; frame-ancestors 'none'",
    );
  }

  // API routes authenticate themselves (401 problem+json, never a redirect).
  if (pathname.startsWith("/api/"))
    return withSecurityHeaders(NextResponse.next(), "default-src 'none'; frame-ancestors 'none'", https);

  const isPublic = PUBLIC_PAGES.some((p) => pathname === p || pathname.startsWith(`${p}/`));
  if (!isPublic) {
    const session = await openSession(req.cookies.get(SESSION_COOKIE)?.value);
    if (!session) {
      const url = req.nextUrl.clone();
      url.pathname = "/sign-in";
      url.search = pathname === "/" ? "" : `?next=${encodeURIComponent(pathname + search)}`;
      const res = NextResponse.redirect(url, 307);
      // A stale or forged cookie is cleared, so the sign-in page starts clean.
      if (req.cookies.has(SESSION_COOKIE)) res.cookies.delete(SESSION_COOKIE);
      return withSecurityHeaders(res, null, https);
    }
  }

  const nonce = crypto.randomBytes(16).toString("base64");
  const csp = contentSecurityPolicy(nonce, https);
  const requestHeaders = new Headers(req.headers);
  requestHeaders.set("x-nonce", nonce);
  requestHeaders.set("x-touchline-path", pathname + search);
  // Next reads the nonce from the request's CSP header and puts it on its own scripts.
  requestHeaders.set("content-security-policy", csp);
  return withSecurityHeaders(NextResponse.next({ request: { headers: requestHeaders } }), csp, https);
}

export const config = {
  matcher: ["/((?!_next/static|_next/image|favicon.ico|robots.txt|.*\\.(?:png|svg|ico|jpg|webp|woff2?)$).*)"],
};
