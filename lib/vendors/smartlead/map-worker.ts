import "server-only";
import { parentPort } from "node:worker_threads";
import { mapPageRows, parseActivitiesPage } from "./page-map";
import type { WorkerAnswer, WorkerTask } from "./map-protocol";

// Worker thread entry (./map-pool.ts starts it): parses and maps all-leads-activities pages
// off the thread that runs the store. Per page it answers twice — the head as soon as the
// JSON is parsed (the reader can ask for the next page while this one maps), then the events.

const port = parentPort;
if (port) {
  port.on("message", (task: WorkerTask) => {
    const post = (answer: WorkerAnswer) => port.postMessage(answer);
    try {
      const parsed = parseActivitiesPage(task.text);
      if (!parsed.ok) return post({ id: task.id, problem: parsed.problem });
      post({ id: task.id, head: parsed.head });
      post({ id: task.id, page: mapPageRows(parsed.rows) });
    } catch (err) {
      // A bug, not a vendor row (those are skipped inside the mapping): the pool maps this
      // page on its own thread instead, where the error surfaces as it always did.
      post({ id: task.id, failed: err instanceof Error ? err.message : String(err) });
    }
  });
  // The module graph loaded: a worker that cannot load never says so (the pool falls back).
  port.postMessage({ ready: true } satisfies WorkerAnswer);
}
