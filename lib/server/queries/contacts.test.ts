import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { contactListItemSchema } from "@/lib/model/contact";
import { contactDetailSchema, contactsQuerySchema } from "@/lib/model/contacts-query";
import * as t from "@/lib/server/store/schema";
import { freshStore, STORE_KINDS } from "@/tests/helpers/stores";
import { seedTimelineWorld } from "@/tests/fixtures/timeline";
import { refreshLastActivity } from "@/lib/server/sync/last-activity";
import { contactExists, getContact, listContacts } from "./contacts";

describe.each(STORE_KINDS)("contact queries on %s", (kind) => {
  let store: Awaited<ReturnType<typeof freshStore>>;
  beforeAll(async () => {
    store = await freshStore(kind);
    await seedTimelineWorld(store.db);
    // A twin of Cleo's last activity (a tie on the sort key) and two people never contacted.
    await store.db.insert(t.contacts).values([
      {
        id: "c_cleo_twin",
        email: "twin@initech.example",
        name: "Cleo Twin",
        company: "Initech Labs",
        lastActivityAt: "2026-10-20T09:00:00.000Z",
      },
      { id: "c_a_never", email: "never@nowhere.example", name: "Nev Er", company: null },
      { id: "c_z_never", email: null, name: "Zed Unknown", company: "Soylent" },
    ]);
  });
  afterAll(async () => store?.cleanup());

  const list = (params: Record<string, string>) => listContacts(store.db, contactsQuerySchema.parse(params));
  const ids = async (params: Record<string, string>) => (await list(params)).data.map((c) => c.id);
  const ORDER = ["c_bob", "c_ada", "c_cleo", "c_cleo_twin", "c_a_never", "c_quiet", "c_z_never"];

  it("sorts by last activity, ties by id, people never contacted last", async () => {
    expect(await ids({})).toEqual(ORDER);
  });

  it("pages by cursor across ties and into the never-contacted people", async () => {
    for (const limit of [1, 2, 3, 6]) {
      const out: string[] = [];
      let cursor: string | null = null;
      for (let i = 0; i < 20; i++) {
        const p = await list({ limit: String(limit), ...(cursor ? { cursor } : {}) });
        out.push(...p.data.map((c) => c.id));
        cursor = p.nextCursor;
        if (!cursor) break;
      }
      expect(out, `limit ${limit}`).toEqual(ORDER);
    }
  });

  it("shows vendors, last activity and counts per row", async () => {
    const { data } = await list({});
    for (const row of data) expect(() => contactListItemSchema.parse(row)).not.toThrow();
    expect(data.find((c) => c.id === "c_ada")).toEqual({
      id: "c_ada",
      email: "ada@acme.example",
      name: "Ada Lovelace",
      company: "Acme Analytics",
      vendors: ["close", "leadlex", "lemlist", "smartlead"],
      lastActivityAt: "2026-11-02T10:00:00.000Z",
      upcomingAt: null,
      activityCount: 12,
      openTaskCount: 2,
    });
    expect(data.find((c) => c.id === "c_quiet")).toMatchObject({
      vendors: ["leadlex"],
      lastActivityAt: null,
      activityCount: 0,
      openTaskCount: 0,
    });
  });

  it("searches name, email and company, case-insensitively, every word", async () => {
    expect(await ids({ q: "acme" })).toEqual(["c_ada"]);
    expect(await ids({ q: "GLOBEX" })).toEqual(["c_bob"]);
    expect(await ids({ q: "cleo@" })).toEqual(["c_cleo"]);
    expect(await ids({ q: "initech cleo" })).toEqual(["c_cleo", "c_cleo_twin"]);
    expect(await ids({ q: "ada lovelace" })).toEqual(["c_ada"]);
    expect(await ids({ q: "soylent" })).toEqual(["c_z_never"]);
    expect(await ids({ q: "%" })).toEqual([]);
    // Pattern characters are the user's text, not a pattern.
    expect(await ids({ q: "a.a" })).toEqual([]);
    expect(await ids({ q: "(acme" })).toEqual([]);
    expect(await ids({ q: "lovelace)" })).toEqual([]);
  });

  it("filters by vendor", async () => {
    expect(await ids({ vendor: "leadlex" })).toEqual(["c_ada", "c_quiet"]);
    expect(await ids({ vendor: "close,leadlex" })).toEqual(["c_bob", "c_ada", "c_quiet"]);
    expect(await ids({ vendor: "smartlead", q: "bob" })).toEqual([]);
  });

  it("reads one person with identities linking into each vendor", async () => {
    const ada = await getContact(store.db, "c_ada");
    expect(() => contactDetailSchema.parse(ada)).not.toThrow();
    expect(ada).toMatchObject({
      id: "c_ada",
      name: "Ada Lovelace",
      vendors: ["close", "leadlex", "lemlist", "smartlead"],
      activityCount: 12,
      openTaskCount: 2,
    });
    expect(ada?.identities).toEqual([
      { vendor: "close", vendorId: "lead_ada", kind: "lead", url: "https://app.close.com/lead/lead_ada/" },
      {
        vendor: "leadlex",
        vendorId: "7b1c0f7e-0000-4000-8000-000000000001",
        kind: "contact",
        url: "https://app.leadlex.com/contacts/7b1c0f7e-0000-4000-8000-000000000001",
      },
      { vendor: "lemlist", vendorId: "ctc_ada", kind: "contact", url: "https://app.lemlist.com/contacts/ctc_ada" },
      { vendor: "lemlist", vendorId: "lea_ada", kind: "lead", url: "https://app.lemlist.com/leads/lea_ada" },
      {
        vendor: "smartlead",
        vendorId: "501",
        kind: "lead",
        url: "https://app.smartlead.ai/app/master-inbox?leadId=501",
      },
    ]);
    expect(await getContact(store.db, "nope")).toBeNull();
    expect(await contactExists(store.db, "c_ada")).toBe(true);
    expect(await contactExists(store.db, "nope")).toBe(false);
  });

  it("keeps a future activity out of the last activity: it is upcoming, and counted apart", async () => {
    const future = new Date(Date.now() + 7 * 86_400_000).toISOString();
    await store.db.insert(t.activities).values({
      id: "close:meeting_next_week",
      connectionId: "conn_close",
      vendor: "close",
      vendorType: "Meeting",
      kind: "meeting",
      channel: "meeting",
      occurredAt: future,
      contactId: "c_ada",
    });
    await refreshLastActivity(store.db, ["c_ada"]);
    const [ada] = (await list({ q: "ada lovelace" })).data;
    expect(ada).toMatchObject({ lastActivityAt: "2026-11-02T10:00:00.000Z", activityCount: 12 });
    expect(Date.parse(ada!.upcomingAt!)).toBe(Date.parse(future));
    expect(await ids({})).toEqual(ORDER); // not sorted first
    const detail = (await getContact(store.db, "c_ada"))!;
    expect(detail.activityCount).toBe(12);
    expect(detail.otherTimelineCount).toBeGreaterThanOrEqual(1);
    await store.db.delete(t.activities).where(eq(t.activities.id, "close:meeting_next_week"));
  });
});
