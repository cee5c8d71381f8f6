import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Vendor } from "@/lib/model/vendor";
import { VendorAuthError } from "@/lib/vendors/shared/errors";
import type { Connector, ConnectorContext, MappedActivity, MappedTask, SyncBatch } from "@/lib/vendors/types";
import { setTempDataDir as pointStoreAtTempDir } from "@/tests/helpers/app-store";
import { mappedActivity } from "@/tests/fixtures/mapped-activity";
import { freshStore, STORE_KINDS } from "@/tests/helpers/stores";
import { insertConnection } from "../connections/store";
import * as t from "../store/schema";
import { contactIdForEmail } from "./ids";
import { refreshContact } from "./refresh";

pointStoreAtTempDir(); // the master key for the stored API keys lives in a throwaway data dir
// Contacts are keyed by their normalised email, as the sync creates them.
const ADA = contactIdForEmail("ada@acme.example");

const person = {
  identities: [{ vendorId: "ctc_ada", kind: "contact" }],
  email: "ada@acme.example",
  name: "Ada Lovelace",
  company: "Acme",
};
const activity = (id: string, subject: string, occurredAt: string): MappedActivity =>
  mappedActivity({
    id,
    kind: "email_sent",
    vendorType: "emailsSent",
    direction: "outbound",
    occurredAt,
    subject,
    raw: { id },
    person,
  });
const task: MappedTask = {
  id: "lemlist:tsk_new",
  vendor: "lemlist",
  vendorType: "manual",
  type: "manual",
  title: "Call Ada",
  body: null,
  status: "open",
  dueAt: null,
  dueDate: null,
  dueIsDateOnly: false,
  priority: null,
  assignee: null,
  campaignId: null,
  url: null,
  createdAt: "2026-11-20T10:00:00.000Z",
  raw: {},
  person,
};

/** A connector whose live path answers `batch` (or throws), recording what it was asked. */
function fakeConnector(
  vendor: Vendor,
  answer: () => Promise<SyncBatch>,
  seen: { ctx?: ConnectorContext; person?: unknown },
): Connector {
  return {
    vendor,
    defaultBaseUrl: "http://vendor.invalid",
    open(ctx) {
      seen.ctx = ctx;
      return {
        verifyKey: async () => {},
        streams: () => [],
        refreshPerson: async (p) => {
          seen.person = p;
          return answer();
        },
      };
    },
  };
}

describe.each(STORE_KINDS)("refresh now on %s", (kind) => {
  let store: Awaited<ReturnType<typeof freshStore>>;
  let lemlistConn = "";
  let closeConn = "";
  beforeAll(async () => {
    store = await freshStore(kind);
    lemlistConn = await insertConnection(store.db, { vendor: "lemlist", apiKey: "lemlist-secret-key-1" });
    closeConn = await insertConnection(store.db, { vendor: "close", apiKey: "close-secret-key-22" });
    await store.db.insert(t.contacts).values({ id: ADA, email: "ada@acme.example", name: "Ada Lovelace" });
    await store.db.insert(t.contactIdentities).values([
      { vendor: "lemlist", vendorId: "ctc_ada", connectionId: lemlistConn, contactId: ADA, kind: "contact" },
      { vendor: "close", vendorId: "lead_ada", connectionId: closeConn, contactId: ADA, kind: "lead" },
    ]);
    await store.db
      .insert(t.activities)
      .values(
        [
          activity("lemlist:old_same", "Hello", "2026-11-01T10:00:00.000Z"),
          activity("lemlist:old_changed", "Draft subject", "2026-11-02T10:00:00.000Z"),
        ].map(({ person: _p, ...a }) => ({ ...a, connectionId: lemlistConn, contactId: ADA })),
      );
  });
  afterAll(async () => store?.cleanup());
  /** Refreshes Ada with these connectors, each vendor at an address that never resolves. */
  const refreshAda = (connectors: Partial<Record<Vendor, Connector>>) =>
    refreshContact(store, ADA, { baseUrlFor: (v) => `http://${v}.invalid`, connectors });

  it("asks each vendor for the person with the stored key, stores the answer, and reports what changed", async () => {
    const seenLemlist: { ctx?: ConnectorContext; person?: unknown } = {};
    const seenClose: { ctx?: ConnectorContext; person?: unknown } = {};
    const summary = await refreshAda({
      lemlist: fakeConnector(
        "lemlist",
        async () => ({
          activities: [
            activity("lemlist:old_same", "Hello", "2026-11-01T10:00:00.000Z"),
            activity("lemlist:old_changed", "Final subject", "2026-11-02T10:00:00.000Z"),
            activity("lemlist:brand_new", "Follow-up", "2026-11-21T10:00:00.000Z"),
          ],
          tasks: [task],
        }),
        seenLemlist,
      ),
      close: fakeConnector(
        "close",
        async () => {
          throw new VendorAuthError("close", 401, "bad key");
        },
        seenClose,
      ),
    });

    expect(seenLemlist.ctx?.apiKey).toBe("lemlist-secret-key-1");
    expect(seenLemlist.ctx?.baseUrl).toBe("http://lemlist.invalid");
    expect(seenLemlist.person).toEqual({
      email: "ada@acme.example",
      identities: [{ vendorId: "ctc_ada", kind: "contact" }],
    });
    expect(seenClose.person).toEqual({
      email: "ada@acme.example",
      identities: [{ vendorId: "lead_ada", kind: "lead" }],
    });

    const lemlist = summary.vendors.find((v) => v.vendor === "lemlist");
    expect(lemlist).toMatchObject({
      status: "ok",
      connectionId: lemlistConn,
      new: { activities: 1, tasks: 1 },
      updated: { activities: 1, tasks: 0 },
      unchanged: 1,
      error: null,
    });
    const close = summary.vendors.find((v) => v.vendor === "close");
    expect(close).toMatchObject({ status: "failed", new: { activities: 0, tasks: 0 } });
    expect(close?.error).toMatch(/rejected the key/);
    expect(close?.error).not.toContain("close-secret-key-22");
    expect(summary.totals).toEqual({ new: 2, updated: 1, failed: 1 });

    const rows = await store.db.select().from(t.activities).where(eq(t.activities.contactId, ADA));
    expect(rows.map((r) => [r.id, r.subject]).sort()).toEqual([
      ["lemlist:brand_new", "Follow-up"],
      ["lemlist:old_changed", "Final subject"],
      ["lemlist:old_same", "Hello"],
    ]);
    const [contact] = await store.db.select().from(t.contacts).where(eq(t.contacts.id, ADA));
    expect(new Date(contact!.lastActivityAt!).toISOString()).toBe("2026-11-21T10:00:00.000Z");
  });

  it("reports nothing new on a second identical refresh", async () => {
    const summary = await refreshAda({
      lemlist: fakeConnector(
        "lemlist",
        async () => ({
          activities: [activity("lemlist:brand_new", "Follow-up", "2026-11-21T10:00:00.000Z")],
          tasks: [task],
        }),
        {},
      ),
      close: fakeConnector("close", async () => ({}), {}),
    });
    expect(summary.totals).toEqual({ new: 0, updated: 0, failed: 0 });
    expect(summary.vendors.find((v) => v.vendor === "lemlist")?.unchanged).toBe(2);
  });
});
