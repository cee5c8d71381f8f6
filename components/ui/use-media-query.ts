"use client";

import { useSyncExternalStore } from "react";

/** Tailwind's `max-sm`: the phone layouts (bottom navigation, task cards, scrolling rows). */
export const PHONE_QUERY = "(max-width: 639px)";

/**
 * Whether a CSS media query matches, following changes (rotation, resize). The server and
 * the first render say `false`, so a component renders its wide layout until hydrated.
 */
export function useMediaQuery(query: string): boolean {
  return useSyncExternalStore(
    (onChange) => {
      const list = window.matchMedia(query);
      list.addEventListener("change", onChange);
      return () => list.removeEventListener("change", onChange);
    },
    () => window.matchMedia(query).matches,
    () => false,
  );
}
