import "server-only";
import { Worker } from "node:worker_threads";
import type { WorkerAnswer, WorkerTask } from "./map-protocol";
import { mapPageRows, parseActivitiesPage, type MappedPage, type PageHead } from "./page-map";

/**
 * Parsing and mapping Smartlead pages off the thread that runs the store (issue 17).
 *
 * Why: PGlite runs on the app's thread, and a Smartlead page (1 000 leads, ~4 400 events)
 * costs about as much CPU to parse and map as to store. On that one thread the sync stored
 * ~0.2 of what Smartlead's pace allows; with the mapping in workers the thread only stores.
 *
 * A small pool (2 workers: the machine this targets has 2 cores, and the store's thread
 * needs one). Back-pressure is by construction: a reader has at most two pages in flight
 * (the one mapping and the one being fetched, ./window-read.ts), and the sync's read-ahead
 * queue is bounded (lib/server/sync/read-ahead.ts), so the pool's queue is bounded by the
 * number of Smartlead syncs running at once.
 *
 * A worker answers a page's head (row count, hasMore, lead keys) as soon as the JSON is
 * parsed, so the reader asks for the next page while this one maps; the events follow as a
 * structured clone. If a worker cannot load (a bundling problem) or dies, the pool maps on
 * this thread instead — the same functions (./page-map.ts) — and says so once.
 */

export type HeadResult = { ok: true; head: PageHead } | { ok: false; problem: "unreadable" | "shape" };

export interface PageJob {
  head: Promise<HeadResult>;
  /** Resolves after `head` (empty for a page whose head was not ok). */
  page: Promise<MappedPage>;
}

export interface PageMapper {
  submit(text: string, warn?: (message: string) => void): PageJob;
}

const EMPTY: MappedPage = { activities: [], skipped: 0, warnings: [] };

/** Maps a page on this thread (the fallback, and `mapping: "thread"`). */
export function mapInThread(text: string): PageJob {
  const parsed = parseActivitiesPage(text);
  if (!parsed.ok) return { head: Promise.resolve(parsed), page: Promise.resolve(EMPTY) };
  return { head: Promise.resolve({ ok: true, head: parsed.head }), page: Promise.resolve(mapPageRows(parsed.rows)) };
}

export const threadMapper: PageMapper = { submit: (text) => mapInThread(text) };

interface Deferred<T> {
  promise: Promise<T>;
  resolve(v: T): void;
  reject(e: unknown): void;
}
function deferred<T>(): Deferred<T> {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => ((resolve = res), (reject = rej)));
  // Failures are thrown where the reader awaits them; one it never awaits is not "unhandled".
  promise.catch(() => {});
  return { promise, resolve, reject };
}

interface Task {
  id: number;
  text: string;
  head: Deferred<HeadResult>;
  page: Deferred<MappedPage>;
  headDone: boolean;
}

interface Slot {
  worker: Worker;
  ready: boolean;
  tasks: Map<number, Task>;
  idle: ReturnType<typeof setTimeout> | null;
}

/** A worker with no page for this long is stopped (its ~30 MB come back); the next page starts one. */
const IDLE_MS = 30_000;
/** Workers that died after loading before the pool gives up on them for this process. */
const MAX_DEATHS = 3;

export class MapPool implements PageMapper {
  private readonly slots: Slot[] = [];
  private nextId = 1;
  private deaths = 0;
  /** Why the pool maps on this thread from now on (null while workers are in use). */
  private broken: string | null = null;
  private reported = false;
  /** Pages mapped by a worker, and on this thread (fallbacks): for tests and the benchmark. */
  readonly stats = { inWorkers: 0, inThread: 0 };

  constructor(
    private readonly spawn: () => Worker,
    private readonly size = 2,
  ) {}

  /** True once the pool has given up on workers (for tests and the benchmark). */
  get fallback(): string | null {
    return this.broken;
  }

  submit(text: string, warn?: (message: string) => void): PageJob {
    if (this.broken) {
      this.stats.inThread++;
      if (!this.reported && warn) {
        this.reported = true;
        warn(`smartlead: pages are mapped on the main thread (${this.broken})`);
      }
      return mapInThread(text);
    }
    const slot = this.pick();
    if (!slot) return this.submit(text, warn);
    const task: Task = { id: this.nextId++, text, head: deferred(), page: deferred(), headDone: false };
    slot.tasks.set(task.id, task);
    if (slot.idle) clearTimeout(slot.idle);
    slot.idle = null;
    slot.worker.ref();
    slot.worker.postMessage({ id: task.id, text } satisfies WorkerTask);
    return { head: task.head.promise, page: task.page.promise };
  }

  /** The least busy worker, starting another while there is room. Null once broken. */
  private pick(): Slot | null {
    const least = this.slots.reduce<Slot | null>((a, s) => (!a || s.tasks.size < a.tasks.size ? s : a), null);
    if (least && (least.tasks.size === 0 || this.slots.length >= this.size)) return least;
    try {
      return this.start();
    } catch (err) {
      this.giveUp(`a worker could not start: ${err instanceof Error ? err.message : String(err)}`);
      return least;
    }
  }

  private start(): Slot {
    const worker = this.spawn();
    const slot: Slot = { worker, ready: false, tasks: new Map(), idle: null };
    this.slots.push(slot);
    worker.on("message", (m: WorkerAnswer) => this.answer(slot, m));
    worker.on("error", (err) => this.lost(slot, `a worker failed: ${err.message}`));
    worker.on("exit", (code) => this.lost(slot, `a worker exited (${code})`));
    return slot;
  }

  private answer(slot: Slot, m: WorkerAnswer): void {
    if ("ready" in m) {
      slot.ready = true;
      return;
    }
    const task = slot.tasks.get(m.id);
    if (!task) return;
    if ("head" in m) {
      task.headDone = true;
      task.head.resolve({ ok: true, head: m.head });
      return;
    }
    this.finish(slot, task);
    if ("page" in m) {
      this.stats.inWorkers++;
      task.page.resolve(m.page);
    } else if ("problem" in m) {
      task.head.resolve({ ok: false, problem: m.problem });
      task.page.resolve(EMPTY);
    } else this.inThread(task);
  }

  private finish(slot: Slot, task: Task): void {
    slot.tasks.delete(task.id);
    if (slot.tasks.size > 0) return;
    // Idle: let the process exit around it, and stop it if nothing comes for a while.
    slot.worker.unref();
    slot.idle = setTimeout(() => {
      this.remove(slot);
      void slot.worker.terminate();
    }, IDLE_MS);
    slot.idle.unref();
  }

  /** A worker that errored or exited: its pages are mapped here, and the pool may give up. */
  private lost(slot: Slot, why: string): void {
    if (!this.slots.includes(slot)) return;
    this.remove(slot);
    if (!slot.ready) this.giveUp(why);
    else if (++this.deaths >= MAX_DEATHS) this.giveUp(`${why}, ${this.deaths} times`);
    for (const task of slot.tasks.values()) this.inThread(task);
    slot.tasks.clear();
  }

  private remove(slot: Slot): void {
    const i = this.slots.indexOf(slot);
    if (i >= 0) this.slots.splice(i, 1);
    if (slot.idle) clearTimeout(slot.idle);
  }

  private giveUp(why: string): void {
    this.broken ??= why;
    for (const slot of [...this.slots]) {
      this.remove(slot);
      void slot.worker.terminate();
      for (const task of slot.tasks.values()) this.inThread(task);
      slot.tasks.clear();
    }
  }

  /** Maps a task's page on this thread (its worker is gone or could not map it). */
  private inThread(task: Task): void {
    this.stats.inThread++;
    try {
      const job = mapInThread(task.text);
      void job.head.then((h) => {
        if (!task.headDone) task.head.resolve(h);
        // A page the worker had parsed parses the same here: same head, so the reader's
        // decisions made on the worker's head still hold.
        return job.page.then(task.page.resolve);
      });
    } catch (err) {
      task.head.reject(err);
      task.page.reject(err);
    }
  }

  /** Stops every worker (tests). */
  async close(): Promise<void> {
    const slots = [...this.slots];
    for (const s of slots) this.remove(s);
    await Promise.all(slots.map((s) => s.worker.terminate()));
  }
}

/**
 * Starts a map worker. Under Next (`next build` / `next dev`) Turbopack bundles the entry
 * named by this `new Worker(new URL(…, import.meta.url))` into its own chunk; the literal
 * form is what it recognises, so keep it as it is. Elsewhere (tsx, vitest, scripts) the
 * source runs through tsx's loader, with the server condition the app runs under.
 */
function spawnMapWorker(): Worker {
  if (process.env.NEXT_RUNTIME) return new Worker(new URL("./map-worker.ts", import.meta.url));
  const entry = import.meta.url.replace(/map-pool\.[cm]?[jt]s$/, "map-worker.ts");
  return new Worker(TSX_BOOT, { eval: true, workerData: { entry }, execArgv: ["--conditions=react-server"] });
}

const TSX_BOOT = `const { workerData } = require("node:worker_threads");
import("tsx/esm/api").then((tsx) => { tsx.register(); return import(workerData.entry); });`;

// One pool per process (kept on globalThis so `next dev` reloads do not start more).
const holder = globalThis as unknown as { __touchlineSmartleadPool?: MapPool };

/** The process's pool of map workers. */
export function smartleadMapPool(): MapPool {
  return (holder.__touchlineSmartleadPool ??= new MapPool(spawnMapWorker, 2));
}

/** Where pages are mapped: the pool, unless `TOUCHLINE_SYNC_WORKERS=0` keeps it on this thread. */
export function smartleadMapper(mapping?: "worker" | "thread"): PageMapper {
  const thread = mapping ? mapping === "thread" : process.env.TOUCHLINE_SYNC_WORKERS === "0";
  return thread ? threadMapper : smartleadMapPool();
}
