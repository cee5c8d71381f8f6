import { engagementTimeZone } from "@/lib/model/plain/engagement";

/** The cookie holding the browser's IANA zone (set by <TimeZoneCookie />). */
export const VIEWER_TZ_COOKIE = "touchline-tz";

/** The viewer's zone from the cookie's value, UTC until the browser has told us. */
export function viewerTimeZone(cookie: string | undefined): { tz: string; known: string | null } {
  let raw: string | null = null;
  try {
    raw = cookie ? decodeURIComponent(cookie) : null;
  } catch {
    raw = null;
  }
  const tz = raw ? engagementTimeZone(raw) : null;
  return { tz: tz ?? "UTC", known: tz };
}

/** Keeps the browser's zone in the cookie, for the next server render (a year; every page may read it). */
export function rememberViewerTimeZone(tz: string): void {
  if (document.cookie.split("; ").includes(`${VIEWER_TZ_COOKIE}=${encodeURIComponent(tz)}`)) return;
  document.cookie = `${VIEWER_TZ_COOKIE}=${encodeURIComponent(tz)}; path=/; max-age=31536000; samesite=lax`;
}
