"use client";

import { useSyncExternalStore } from "react";

const noSubscribe = () => () => {};

/** The browser's zone; null while rendering on the server (which cannot know it). */
export function useBrowserTimeZone(): string | null {
  return useSyncExternalStore(
    noSubscribe,
    () => Intl.DateTimeFormat().resolvedOptions().timeZone,
    () => null,
  );
}
