import "server-only";
import type { StreamPage, SyncBatch } from "@/lib/vendors/types";

/** Several pages written as one batch (one transaction, one rollup refresh). */
export function mergeBatches(batches: SyncBatch[]): SyncBatch {
  if (batches.length === 1) return batches[0]!;
  return {
    people: batches.flatMap((b) => b.people ?? []),
    activities: batches.flatMap((b) => b.activities ?? []),
    tasks: batches.flatMap((b) => b.tasks ?? []),
    campaigns: batches.flatMap((b) => b.campaigns ?? []),
  };
}

/**
 * Pulls pages from `source` in the background into a bounded queue. `take()` resolves
 * with everything queued (waiting for at least one page), or null at the end; an error of
 * the source is thrown from `take()` after the pages read before it.
 */
export function readAhead<S>(
  source: AsyncIterable<StreamPage<S>>,
  limits: { maxRows: number; maxPages: number },
  signal: AbortSignal,
) {
  const queue: StreamPage<S>[] = [];
  let queuedRows = 0;
  let finished = false;
  let failure: unknown = null;
  let wakeConsumer: (() => void) | null = null;
  let wakeProducer: (() => void) | null = null;
  const wake = (w: (() => void) | null) => w?.();

  void (async () => {
    try {
      for await (const page of source) {
        queue.push(page);
        queuedRows += pageRows(page.batch);
        wake(wakeConsumer);
        while ((queuedRows >= limits.maxRows || queue.length >= limits.maxPages) && !signal.aborted) {
          await new Promise<void>((r) => (wakeProducer = r));
        }
        if (signal.aborted) break;
      }
    } catch (err) {
      failure = err;
    } finally {
      finished = true;
      wake(wakeConsumer);
    }
  })();

  return {
    async take(): Promise<StreamPage<S>[] | null> {
      while (queue.length === 0 && !finished) await new Promise<void>((r) => (wakeConsumer = r));
      if (queue.length === 0) {
        if (failure) throw failure;
        return null;
      }
      const group = queue.splice(0);
      queuedRows = 0;
      wake(wakeProducer);
      return group;
    },
  };
}

export const pageRows = (b: { activities?: unknown[]; tasks?: unknown[]; campaigns?: unknown[] }) =>
  (b.activities?.length ?? 0) + (b.tasks?.length ?? 0) + (b.campaigns?.length ?? 0);
