import "server-only";
import crypto from "node:crypto";
import { BULK_MAX, type BulkJob, type BulkRequest, type TaskChange } from "@/lib/model/task-change";
import type { TaskWriteSession } from "@/lib/vendors/types";
import type { Principal } from "../auth/authenticate";
import { AppError, badRequest } from "../http/errors";
import { withMe } from "../identities/tasks-me";
import { log } from "../log";
import { iterateTasks, loadTasks } from "../queries/tasks";
import type { Db } from "../store/db";
import { changeTask, type ActOptions } from "./act";

/**
 * Bulk changes (API.md `POST /tasks/bulk`): a job in this process that applies one change to
 * many tasks through `changeTask` — the same permission check, re-read, write, re-read and
 * audit entry as one task. Tasks are grouped by connection; each connection's tasks go one
 * after another through one session (one client, so one pacer: the vendor's documented pace,
 * no 429), and connections run side by side. Jobs live in memory for an hour: progress is
 * for the person waiting on it; what happened stays in the audit log and the store.
 */

interface Job extends BulkJob {
  owner: string;
  startedAt: number;
}

// On globalThis: the POST and GET routes are separate bundles under Next, each with its own module instances.
const holder = globalThis as unknown as { __touchlineBulkJobs?: Map<string, Job> };
const jobs = (holder.__touchlineBulkJobs ??= new Map<string, Job>());
const KEEP_MS = 60 * 60_000;

function prune(now = Date.now()) {
  for (const [id, j] of jobs) if (j.state === "done" && now - j.startedAt > KEEP_MS) jobs.delete(id);
}

/** The ids a request names: its list, or every task its filter matches (at most BULK_MAX). */
async function resolveIds(db: Db, principal: Principal, req: BulkRequest): Promise<{ id: string; conn: string }[]> {
  if (req.ids) {
    const found = new Map((await loadTasks(db, [...new Set(req.ids)])).map((t) => [t.id, t.connectionId]));
    return [...new Set(req.ids)].map((id) => ({ id, conn: found.get(id) ?? "" }));
  }
  const out: { id: string; conn: string }[] = [];
  const q = await withMe(db, { ...req.filter!, cursor: undefined }, principal);
  for await (const page of iterateTasks(db, q)) {
    for (const t of page) out.push({ id: t.id, conn: t.connectionId });
    if (out.length > BULK_MAX) throw badRequest("filter", `matches more than ${BULK_MAX} tasks; narrow it`);
  }
  return out;
}

export async function startBulk(
  db: Db,
  principal: Principal,
  req: BulkRequest,
  opts: ActOptions = {},
): Promise<{ jobId: string }> {
  prune();
  const targets = await resolveIds(db, principal, req);
  const jobId = `job_${crypto.randomBytes(12).toString("base64url")}`;
  const job: Job = {
    state: targets.length ? "running" : "done",
    total: targets.length,
    done: 0,
    failed: [],
    owner: principal.userId,
    startedAt: Date.now(),
  };
  jobs.set(jobId, job);

  const byConnection = new Map<string, string[]>();
  for (const t of targets) byConnection.set(t.conn, [...(byConnection.get(t.conn) ?? []), t.id]);
  const sessions = new Map<string, TaskWriteSession>();
  const runOne = async (ids: string[]) => {
    for (const id of ids) {
      try {
        await changeTask(db, principal, id, req.change satisfies TaskChange, { ...opts, sessions });
      } catch (err) {
        job.failed.push({
          id,
          detail: err instanceof AppError ? err.message : "An unexpected error stopped this task (see the server log).",
        });
        if (!(err instanceof AppError)) log.error("bulk task change failed", { err, taskId: id });
      }
      job.done++;
    }
  };
  void Promise.all([...byConnection.values()].map(runOne)).finally(() => {
    job.state = "done";
  });
  return { jobId };
}

/** A job's progress; only its starter (or an admin) sees it, anyone else gets 404. */
export function bulkStatus(jobId: string, principal: Principal): BulkJob {
  const job = jobs.get(jobId);
  if (!job || (job.owner !== principal.userId && principal.role !== "admin" && principal.role !== "owner"))
    throw new AppError(404, "Not found", "Bulk job was not found (jobs are kept for an hour)");
  return { state: job.state, total: job.total, done: job.done, failed: [...job.failed] };
}
