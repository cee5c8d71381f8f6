"use client";

import { useSyncExternalStore } from "react";

// The moment a page counts as interactive, for the code that should not compete with its
// first view (the campaign page's charts) and for bench/browser.ts, which counts the
// scripts requested before it as first-load JavaScript: the first idle period after both
// the root's hydration commit (<InteractiveMark />) and the document's load event. By then
// the HTML has streamed in full, every script it or hydration asked for has loaded (the load
// event waits for scripts inserted before it), and the main thread has nothing queued.

export const INTERACTIVE_MARK = "touchline:interactive";

let interactive = false;
const listeners = new Set<() => void>();

function mark() {
  if (interactive) return;
  interactive = true;
  performance.mark(INTERACTIVE_MARK);
  for (const l of listeners) l();
  listeners.clear();
}

// Safari has no requestIdleCallback: a task after the load event's is the nearest it has.
const whenIdle = (fn: () => void) =>
  typeof requestIdleCallback === "function" ? requestIdleCallback(fn, { timeout: 3000 }) : setTimeout(fn, 1);

/** A page whose load event is slow to come (a stream still open, a starved machine) still gets its charts. */
const MARK_AT_THE_LATEST_MS = 8000;

/** Called once, after the root has hydrated. */
export function startInteractiveMark(): void {
  if (interactive) return;
  if (document.readyState === "complete") whenIdle(mark);
  else window.addEventListener("load", () => whenIdle(mark), { once: true });
  setTimeout(mark, MARK_AT_THE_LATEST_MS);
}

function subscribe(listener: () => void): () => void {
  if (interactive) return () => {};
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** False on the server, while hydrating and until the page is interactive; true after. */
export function useInteractive(): boolean {
  return useSyncExternalStore(
    subscribe,
    () => interactive,
    () => false,
  );
}
