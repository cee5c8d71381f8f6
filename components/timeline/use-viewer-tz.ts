"use client";

import { useSyncExternalStore } from "react";

const subscribe = () => () => {};
const browserZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC";

/** The viewer's IANA zone (the browser's); null while rendering on the server. */
export function useViewerTimeZone(): string | null {
  return useSyncExternalStore(subscribe, browserZone, () => null);
}
