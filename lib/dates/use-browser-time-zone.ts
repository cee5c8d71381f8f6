"use client";

import { useSyncExternalStore } from "react";
import { hostTimeZone } from "./zone";

const noSubscribe = () => () => {};

/** The browser's zone (`UTC` when it names none the runtime knows); null while rendering on the server, which cannot know it. */
export function useBrowserTimeZone(): string | null {
  return useSyncExternalStore(noSubscribe, hostTimeZone, () => null);
}
