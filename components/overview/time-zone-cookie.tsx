"use client";

import { useRouter } from "next/navigation";
import { useEffect } from "react";
import { VIEWER_TZ_COOKIE } from "./viewer-time-zone";

/**
 * Server-rendered pages cannot know the browser's zone: this keeps it in a cookie and
 * re-renders once when it changes, so "today" and "this week" are the viewer's.
 */
export function TimeZoneCookie({ current }: { current: string | null }) {
  const router = useRouter();
  useEffect(() => {
    const tz = Intl.DateTimeFormat().resolvedOptions().timeZone;
    if (!tz || tz === current) return;
    document.cookie = `${VIEWER_TZ_COOKIE}=${encodeURIComponent(tz)}; path=/; max-age=31536000; samesite=lax`;
    router.refresh();
  }, [current, router]);
  return null;
}
