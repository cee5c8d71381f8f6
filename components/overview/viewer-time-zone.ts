import { engagementTimeZone } from "@/lib/model/engagement";

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
