import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { callRoute, setTempDataDir } from "@/tests/helpers/app-store";

// The tasks API through its route handlers (API.md "Tasks"): shapes, 400s naming the
// parameter, and the CSV export holding exactly the rows the JSON counts.

setTempDataDir();
const tasksRoute = await import("@/app/api/v1/tasks/route");
const facetsRoute = await import("@/app/api/v1/tasks/facets/route");
const csvRoute = await import("@/app/api/v1/tasks.csv/route");
const { getStore } = await import("@/lib/server/store");
const t = await import("@/lib/server/store/schema");

type Problem = { status: number; detail: string; errors?: { path: string; message: string }[] };
type Page = {
  data: { id: string; title: string; contact: { id: string; name: string | null } | null }[];
  nextCursor: string | null;
  total: number;
};

const DAY = 86_400_000;
const now = Date.now();

describe("tasks API", () => {
  beforeAll(async () => {
    const { db } = await getStore();
    await db
      .insert(t.connections)
      .values({ id: "conn_close", vendor: "close", label: "Close", keyCiphertext: "x", keyHint: "••••abcd" });
    await db.insert(t.contacts).values({ id: "ct_1", email: "ada@example.com", name: 'Ada, "the" Countess' });
    const rows: (typeof t.tasks.$inferInsert)[] = [];
    for (let i = 0; i < 130; i++) {
      const day = new Date(now + (i - 60) * DAY).toISOString().slice(0, 10);
      rows.push({
        id: `close:task_${i}`,
        connectionId: "conn_close",
        vendor: "close",
        vendorType: i % 2 ? "lead" : "outgoing_call",
        type: i % 2 ? "manual" : "call",
        // Titles a CSV must survive: commas, quotes, line breaks, formula-looking text.
        title:
          i % 5 === 0 ? `Call back, "urgent"\nthen email #${i}` : i % 7 === 0 ? `=HYPERLINK("x") ${i}` : `Task ${i}`,
        body: i % 3 === 0 ? "line one\r\nline two" : null,
        status: i % 10 === 9 ? "done" : "open",
        dueAt:
          i % 11 === 10
            ? null
            : i % 2
              ? `${day}T00:00:00.000Z`
              : new Date(now + (i - 60) * DAY + 3_600_000).toISOString(),
        dueDate: i % 11 !== 10 && i % 2 ? day : null,
        dueIsDateOnly: i % 11 !== 10 && i % 2 === 1,
        priority: i % 4 === 0 ? "high" : null,
        assignee: { id: "user_1", name: "Sam" },
        contactId: i % 2 ? "ct_1" : null,
      });
    }
    await db.insert(t.tasks).values(rows);
  });
  afterAll(async () => (await getStore()).close());

  it("answers a page with data, nextCursor and total", async () => {
    const r = await callRoute(tasksRoute.GET, "/api/v1/tasks?limit=5");
    expect(r.status).toBe(200);
    const p = r.json as Page;
    expect(p.data).toHaveLength(5);
    expect(p.total).toBe(117); // open: 130 minus 13 done
    expect(p.nextCursor).toEqual(expect.any(String));
    const withContact = (await callRoute(tasksRoute.GET, "/api/v1/tasks?contactId=ct_1&limit=1")).json as Page;
    expect(withContact.data[0]!.contact).toMatchObject({ id: "ct_1", name: 'Ada, "the" Countess' });
  });

  it.each([
    ["dueFrom=2026-12-10&dueTo=2026-12-01", "dueFrom"],
    ["due=someday", "due"],
    ["tz=Mars/Olympus", "tz"],
    ["tz=%2B01:00", "tz"],
    ["status=maybe", "status"],
    ["dueFrom=2026-02-30", "dueFrom"],
    ["dueTo=tomorrow", "dueTo"],
    ["vendors=close,nope", "vendors"],
    ["sort=title", "sort"],
    ["limit=0", "limit"],
    ["limit=501", "limit"],
    ["limit=abc", "limit"],
    ["group=soon", "group"],
    ["cursor=not-a-cursor", "cursor"],
  ])("?%s → 400 naming %s", async (query, param) => {
    for (const handler of [tasksRoute.GET, csvRoute.GET, facetsRoute.GET]) {
      const r = await callRoute(handler, `/api/v1/tasks?${query}`);
      expect(r.status).toBe(400);
      expect(r.headers.get("content-type")).toMatch(/problem\+json/);
      const p = r.json as Problem;
      expect(p.errors?.[0]?.path ?? p.detail).toBe(param);
      expect(p.detail).toMatch(new RegExp(`^${param}`));
    }
  });

  it("needs a session or a token", async () => {
    const r = await callRoute(tasksRoute.GET, "/api/v1/tasks", { anonymous: true });
    expect(r.status).toBe(401);
    expect((await callRoute(csvRoute.GET, "/api/v1/tasks.csv", { anonymous: true })).status).toBe(401);
  });

  it.each([
    "",
    "due=next7&tz=Europe/Paris",
    "status=all&sort=priority",
    "due=overdue&tz=Pacific/Auckland",
    "q=call%20back",
  ])("CSV ?%s has the JSON's rows, in order, one line each", async (query) => {
    const all: Page["data"] = [];
    let cursor: string | null = null;
    let total = -1;
    do {
      const r = await callRoute(
        tasksRoute.GET,
        `/api/v1/tasks?${query}&limit=40${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`,
      );
      const p = r.json as Page;
      total = p.total;
      all.push(...p.data);
      cursor = p.nextCursor;
    } while (cursor);
    expect(all).toHaveLength(total);

    const csv = await callRoute(csvRoute.GET, `/api/v1/tasks.csv?${query}&limit=3`);
    expect(csv.status).toBe(200);
    expect(csv.headers.get("content-type")).toMatch(/^text\/csv/);
    expect(csv.headers.get("content-disposition")).toMatch(/attachment; filename="touchline-tasks-.*\.csv"/);
    const lines = csv.text.trim().split("\n");
    expect(lines.length - 1).toBe(total); // the acceptance check counts exactly like this
    expect(lines[0]!.split(",")[0]).toBe("id");
    expect(lines.slice(1).map((l) => l.split(",")[0])).toEqual(all.map((x) => x.id));
  });

  it("starts the CSV with a UTF-8 BOM and says the time zone in the header and the file name", async () => {
    const { csvHeader } = await import("@/lib/server/queries/tasks-csv");
    expect(csvHeader("Europe/Paris").startsWith("\uFEFFid,vendor,type,")).toBe(true);
    expect(csvHeader("Europe/Paris")).toContain("due_local (Europe/Paris)");
    const csv = await callRoute(csvRoute.GET, "/api/v1/tasks.csv?tz=Europe/Paris");
    expect(csv.headers.get("content-disposition")).toMatch(
      /filename="touchline-tasks-\d{4}-\d{2}-\d{2}-europe-paris\.csv"/,
    );
  });

  it("quotes and neutralises fields in the CSV", async () => {
    const csv = await callRoute(csvRoute.GET, "/api/v1/tasks.csv?status=all&contactId=ct_1&q=countess");
    const line = csv.text.split("\n").find((l) => l.startsWith("close:task_5,"))!;
    expect(line).toContain('"Call back, ""urgent"" then email #5"');
    expect(line).toContain('"Ada, ""the"" Countess"');
    const formula = csv.text.split("\n").find((l) => l.startsWith("close:task_7,"))!;
    expect(formula).toContain(`"'=HYPERLINK(""x"") 7"`);
  });

  it("counts facets under the same filters", async () => {
    const r = await callRoute(facetsRoute.GET, "/api/v1/tasks/facets?types=call&tz=Europe/Paris");
    expect(r.status).toBe(200);
    const f = r.json as {
      vendors: { value: string; count: number }[];
      types: { value: string; count: number }[];
      due: Record<string, number>;
      groups: Record<string, number>;
      tz: string;
    };
    expect(f.tz).toBe("Europe/Paris");
    const calls = ((await callRoute(tasksRoute.GET, "/api/v1/tasks?types=call&limit=1")).json as Page).total;
    expect(f.vendors).toEqual([{ value: "close", label: "Close", count: calls }]);
    expect(f.types.map((x) => x.value).sort()).toEqual(["call", "manual"]);
    expect(f.due.all).toBe(calls);
    expect(Object.values(f.groups).reduce((a, b) => a + b, 0)).toBe(calls);
    for (const preset of ["overdue", "today", "next7", "none"]) {
      const total = (
        (await callRoute(tasksRoute.GET, `/api/v1/tasks?types=call&due=${preset}&tz=Europe/Paris&limit=1`)).json as Page
      ).total;
      expect(f.due[preset]).toBe(total);
    }
  });
});
