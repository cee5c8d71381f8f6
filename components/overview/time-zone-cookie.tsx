"use client";

import { useRouter } from "next/navigation";
import { useEffect } from "react";
import { hostTimeZone } from "@/lib/dates/zone";
import { rememberViewerTimeZone } from "./viewer-time-zone";

/**
 * Server-rendered pages cannot know the browser's zone: this keeps it in a cookie and
 * re-renders once when it changes, so "today" and "this week" are the viewer's.
 */
export function TimeZoneCookie({ current }: { current: string | null }) {
  const router = useRouter();
  useEffect(() => {
    const tz = hostTimeZone();
    if (!tz || tz === current) return;
    rememberViewerTimeZone(tz);
    router.refresh();
  }, [current, router]);
  return null;
}
