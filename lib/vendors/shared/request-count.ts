import "server-only";
import { AsyncLocalStorage } from "node:async_hooks";

// Counts the HTTP requests (every attempt, retries included) made inside one sync, without
// threading a callback through every connector: the engine runs a sync inside `countRequests`
// and the one HTTP path (./http.ts) adds to whichever tally is current.

export interface RequestTally {
  requests: number;
}

const current = new AsyncLocalStorage<RequestTally>();

/** Runs `fn` with a fresh tally that every vendor request inside it adds to. */
export function countRequests<T>(tally: RequestTally, fn: () => Promise<T>): Promise<T> {
  return current.run(tally, fn);
}

/** Called by the HTTP path before each attempt. */
export function noteRequest(): void {
  const tally = current.getStore();
  if (tally) tally.requests++;
}
