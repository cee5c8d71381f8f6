import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Vendor } from "@/lib/model/vendor";
import type { RunningSandbox } from "@/lib/sandbox";
import type { CloseSimulator } from "@/lib/sandbox/close/simulator";
import type { LemlistSimulator } from "@/lib/sandbox/lemlist/simulator";
import { callRoute, sessionCookieFor, setTempDataDir } from "@/tests/helpers/app-store";
import { connectAll, keyForms, setFaults, smallWorld, startWorld } from "./sync-harness";

// Acting on tasks at their vendor (issue 15) through the route handlers, with the real
// connectors over real HTTP against the lemlist, Close and Leadlex simulators and the real
// store: permissions, re-read before write, the write kept by the simulator, vendor errors
// leaving the task as it was, conflicts, read-only Leadlex, bulk jobs without a 429.
setTempDataDir();
process.env.TOUCHLINE_SECRET_KEY ??= Buffer.alloc(32, 9).toString("base64");
const patchRoute = await import("@/app/api/v1/tasks/[id]/route");
const bulkRoute = await import("@/app/api/v1/tasks/bulk/route");
const jobRoute = await import("@/app/api/v1/tasks/bulk/[job]/route");
const capsRoute = await import("@/app/api/v1/tasks/capabilities/route");
const tasksRoute = await import("@/app/api/v1/tasks/route");
const auditRoute = await import("@/app/api/v1/audit/route");
const { getStore } = await import("@/lib/server/store");
const { queryRows } = await import("@/lib/server/store/db");
const { runSync } = await import("@/lib/server/sync/engine");
const t = await import("@/lib/server/store/schema");

type Item = {
  id: string;
  status: string;
  dueAt: string | null;
  dueDate: string | null;
  dueIsDateOnly: boolean;
  assignee: { id: string | null } | null;
};

let sandbox: RunningSandbox[];
let conns: Record<Vendor, string>;
const sim = <S>(v: Vendor) => sandbox.find((s) => s.vendor === v)!.simulator as S;
const running = (v: Vendor) => sandbox.find((s) => s.vendor === v)!;

async function openTasks(vendor: Vendor): Promise<Item[]> {
  const r = await callRoute(tasksRoute.GET, `/api/v1/tasks?status=open&vendors=${vendor}&limit=500`);
  return (r.json as { data: Item[] }).data;
}
const patch = (id: string, body: unknown, cookie?: string) =>
  callRoute(patchRoute.PATCH, `/api/v1/tasks/${encodeURIComponent(id)}`, {
    method: "PATCH",
    params: { id },
    body,
    headers: cookie ? { cookie } : {},
  });
const stored = async (id: string) =>
  (
    await queryRows<Item>(
      (await getStore()).db,
      sql`select id, status, due_date as "dueDate" from tasks where id = ${id}`,
    )
  )[0]!;

beforeAll(async () => {
  sandbox = await startWorld(smallWorld());
  const store = await getStore();
  conns = await connectAll(store, sandbox);
  for (const v of ["lemlist", "close", "leadlex"] as const) {
    const out = await runSync(conns[v], "manual", store);
    expect(out?.state, `${v}: ${out?.error}`).toBe("succeeded");
  }
}, 240_000);
afterAll(async () => {
  await Promise.all(sandbox?.map((s) => s.server.close()) ?? []);
  await (await getStore()).close();
});

describe("acting on tasks at the vendor", () => {
  it("lets a viewer do nothing and a member only their own tasks (403 from the API)", async () => {
    const viewer = await sessionCookieFor("viewer");
    const member = await sessionCookieFor("member");
    const [mine, theirs] = (await openTasks("lemlist")).filter(
      (x, i, all) => x.assignee?.id && all.findIndex((y) => y.assignee?.id === x.assignee?.id) === i,
    );
    expect(mine && theirs).toBeTruthy();
    const { db } = await getStore();
    await db.insert(t.userIdentities).values({
      userId: "usr_route_member",
      vendor: "lemlist",
      vendorUserId: mine!.assignee!.id!,
    });
    expect((await patch(mine!.id, { status: "done" }, viewer)).status).toBe(403);
    const other = await patch(theirs!.id, { status: "done" }, member);
    expect(other.status).toBe(403);
    expect((other.json as { detail: string }).detail).toMatch(/assigned to them/);
    expect(sim<LemlistSimulator>("lemlist").data.doneTaskIds.has(theirs!.id.split(":")[1]!)).toBe(false);

    const caps = await callRoute(capsRoute.GET, "/api/v1/tasks/capabilities", { headers: { cookie: member } });
    expect(caps.json).toMatchObject({ scope: "own", role: "member" });

    const done = await patch(mine!.id, { status: "done" }, member);
    expect(done.status, done.text).toBe(200);
    expect((done.json as Item).status).toBe("done");
    expect(sim<LemlistSimulator>("lemlist").data.doneTaskIds.has(mine!.id.split(":")[1]!)).toBe(true);
    expect((await openTasks("lemlist")).some((x) => x.id === mine!.id)).toBe(false);
    // A sync keeps the vendor's truth: the simulator lists it no more.
    await runSync(conns.lemlist, "manual", await getStore());
    expect((await stored(mine!.id)).status).toBe("done");
  }, 60_000);

  it("completes and reopens a Close task, kept by the simulator and logged in its event log", async () => {
    const task = (await openTasks("close"))[0]!;
    const vid = task.id.split(":")[1]!;
    const close = sim<CloseSimulator>("close");
    expect((await patch(task.id, { status: "done" })).status).toBe(200);
    expect(close.data.tasks.find((x) => x.id === vid)!.is_complete).toBe(true);
    const reopened = await patch(task.id, { status: "open" });
    expect(reopened.status, reopened.text).toBe(200);
    expect((reopened.json as Item).status).toBe("open");
    expect(close.data.tasks.find((x) => x.id === vid)!.is_complete).toBe(false);
    const events = close.events.query(
      new URLSearchParams({ object_id: vid, object_type: `task.${close.data.tasks.find((x) => x.id === vid)!._type}` }),
    );
    // Close may consolidate events to one object: at least one, and the newest holds the reopened task.
    expect(events.data.length).toBeGreaterThanOrEqual(1);
    expect(events.data[0]?.data?.is_complete).toBe(false);
  });

  it("sends a date-only reschedule as the day, never a shifted timestamp", async () => {
    const task = (await openTasks("close")).find((x) => x.dueIsDateOnly)!;
    const r = await patch(task.id, { dueAt: "2027-01-11", dueIsDateOnly: true });
    expect(r.status, r.text).toBe(200);
    expect(r.json).toMatchObject({ dueIsDateOnly: true, dueDate: "2027-01-11" });
    expect(sim<CloseSimulator>("close").data.tasks.find((x) => x.id === task.id.split(":")[1])!.date).toBe(
      "2027-01-11",
    );
  });

  it("detects a change made at the vendor since the last read, writes nothing and shows both", async () => {
    const task = (await openTasks("close")).filter((x) => x.dueAt)[3]!;
    const vid = task.id.split(":")[1]!;
    sim<CloseSimulator>("close").changes.editTask(vid, { date: "2027-03-03" });
    const r = await patch(task.id, { status: "done" });
    expect(r.status).toBe(409);
    expect((r.json as { vendorTask: Item }).vendorTask).toMatchObject({ dueDate: "2027-03-03", status: "open" });
    expect(sim<CloseSimulator>("close").data.tasks.find((x) => x.id === vid)!.is_complete).toBe(false);
    // The store now holds the vendor's version: doing it again applies the change.
    expect((await patch(task.id, { status: "done" })).status).toBe(200);
  });

  it.each([
    ["lemlist", { status4xx: 1, clientErrorStatus: 422, methods: ["PATCH"] }, 422, /refused the change/],
    ["close", { status5xx: 10, methods: ["PUT"] }, 502, /could not be reached/],
  ] as const)(
    "a %s error (%o) leaves the task as it was, with the reason",
    async (vendor, faults, status, words) => {
      const task = (await openTasks(vendor))[1]!;
      await setFaults(running(vendor), { ...faults, methods: [...faults.methods] });
      try {
        const r = await patch(task.id, { status: "done" });
        expect(r.status, r.text).toBe(status);
        expect((r.json as { detail: string }).detail).toMatch(words);
      } finally {
        await setFaults(running(vendor), null);
      }
      expect((await stored(task.id)).status).toBe("open");
      expect((await openTasks(vendor)).some((x) => x.id === task.id)).toBe(true);
    },
    30_000,
  );

  it("answers 405 with a reason for a Leadlex task, 404 for an unknown one, 400 for a bad change", async () => {
    const llx = (await openTasks("leadlex"))[0]!;
    const r = await patch(llx.id, { status: "done" });
    expect(r.status).toBe(405);
    expect((r.json as { detail: string }).detail).toMatch(/Leadlex/);
    expect((await patch("lemlist:opp_nope", { status: "done" })).status).toBe(404);
    const bad = await patch(llx.id, { status: "finished" });
    expect(bad.status).toBe(400);
    expect((await patch(llx.id, { dueAt: "2027-01-11T10:00:00Z", dueIsDateOnly: true })).status).toBe(400);
  });

  it("runs a bulk reschedule across two vendors through their pacers, with progress and no 429", async () => {
    const ids = [...(await openTasks("lemlist")).slice(2, 12), ...(await openTasks("close")).slice(5, 15)].map(
      (x) => x.id,
    );
    const before = sim<CloseSimulator>("close").stats.byStatus[429] ?? 0;
    const started = await callRoute(bulkRoute.POST, "/api/v1/tasks/bulk", {
      method: "POST",
      body: { ids, change: { dueAt: "2027-01-12", dueIsDateOnly: true } },
    });
    expect(started.status, started.text).toBe(202);
    const { jobId } = started.json as { jobId: string };
    type Job = { state: string; total: number; done: number; failed: unknown[] };
    let job: Job | null = null;
    for (const end = Date.now() + 60_000; Date.now() < end; await new Promise((r) => setTimeout(r, 300))) {
      job = (await callRoute(jobRoute.GET, `/api/v1/tasks/bulk/${jobId}`, { params: { job: jobId } })).json as Job;
      if (job?.state === "done") break;
    }
    expect(job).toMatchObject({ state: "done", total: 20, done: 20, failed: [] });
    expect(sim<CloseSimulator>("close").stats.byStatus[429] ?? 0).toBe(before);
    for (const id of ids) expect((await stored(id)).dueDate).toBe("2027-01-12");
    // Another member cannot read the job.
    const other = await callRoute(jobRoute.GET, `/api/v1/tasks/bulk/${jobId}`, {
      params: { job: jobId },
      headers: { cookie: await sessionCookieFor("member", "other" as "member") },
    });
    expect(other.status).toBe(404);
  }, 90_000);

  it("turns a connection's task actions off after a 403 at the vendor, with the reason", async () => {
    const task = (await openTasks("close"))[20]!;
    await setFaults(running("close"), { status4xx: 1, clientErrorStatus: 403, methods: ["PUT"] });
    const r = await patch(task.id, { status: "done" });
    await setFaults(running("close"), null);
    expect(r.status).toBe(422);
    expect((r.json as { detail: string }).detail).toMatch(/refused to change tasks/);
    const caps = (await callRoute(capsRoute.GET, "/api/v1/tasks/capabilities")).json as {
      connections: { vendor: string; disabled: string | null }[];
    };
    expect(caps.connections.find((c) => c.vendor === "close")!.disabled).toMatch(/refused/);
    expect((await patch(task.id, { status: "done" })).status).toBe(422);
    expect((await stored(task.id)).status).toBe("open");
  });

  it("writes every change to the audit log, naming the task, never a key", async () => {
    const r = await callRoute(auditRoute.GET, "/api/v1/audit?limit=200");
    expect(r.status).toBe(200);
    expect(r.text).toMatch(/task_changed/);
    expect(r.text).toMatch(/task_change_refused/);
    for (const s of sandbox) for (const k of keyForms(s.apiKey)) expect(r.text).not.toContain(k);
  });
});
