import "server-only";
import type { MappedPage, PageHead } from "./page-map";

// The messages between ./map-pool.ts and ./map-worker.ts.

export interface WorkerTask {
  id: number;
  /** The page's body text (a string is copied, not walked, on its way to the worker). */
  text: string;
}

export type WorkerAnswer =
  | { ready: true }
  | { id: number; head: PageHead }
  | { id: number; page: MappedPage }
  | { id: number; problem: "unreadable" | "shape" }
  | { id: number; failed: string };
