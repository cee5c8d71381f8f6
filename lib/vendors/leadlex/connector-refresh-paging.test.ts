import { BASE_PATH, createLeadlexSimulator } from "@/lib/sandbox/leadlex/simulator";
import { serveHandler } from "@/lib/sandbox/shared/serve";
import { createWorld } from "@/lib/sandbox/shared/world";
import type { StreamPage } from "@/lib/vendors/types";
import { describe, expect, it } from "vitest";
import { createLeadlexConnector, type ContactsState } from ".";
import { closeServersAfterEach, WORLD_NOW, clock, running, setup, run, isDerived, ids } from "./connector-harness";

// The connector against the Leadlex simulator over real HTTP: the live refresh of one person, a
// vendor that ignores `page`, and a contact listing longer than one run's budget.

closeServersAfterEach();

describe("refreshPerson — the live path", () => {
  it("finds the contact by exact email (case and spaces ignored) and returns its activities and tasks", async () => {
    const s = await setup();
    const contact = s.sim.data.contacts.find(
      (c) => s.sim.data.tasks.some((t) => t.contact_id === c.id) && (s.sim.data.byContact.get(c.id)?.length ?? 0) > 0,
    )!;
    const batch = await s.session.refreshPerson({ email: `  ${contact.email!.toUpperCase()} `, identities: [] });
    expect(batch.people?.[0]?.identities[0]?.vendorId).toBe(contact.id);
    expect(ids((batch.activities ?? []).filter((a) => !isDerived(a)))).toEqual(
      s.sim.data.byContact
        .get(contact.id)!
        .map((i) => `leadlex:${s.sim.data.activities[i]!.id}`)
        .sort(),
    );
    expect(ids(batch.tasks ?? [])).toEqual(
      s.sim.data.tasks
        .filter((t) => t.contact_id === contact.id)
        .map((t) => `leadlex:${t.id}`)
        .sort(),
    );
  });

  it("uses the stored uuid identity without searching", async () => {
    const s = await setup();
    const contact = s.sim.data.contacts[2]!;
    const before = s.metas.length;
    const batch = await s.session.refreshPerson({
      email: null,
      identities: [{ vendorId: contact.id, kind: "contact" }],
    });
    expect((batch.activities ?? []).filter((a) => !isDerived(a)).length).toBe(
      s.sim.data.byContact.get(contact.id)?.length ?? 0,
    );
    // One activity page and one task page: no search request.
    expect(s.metas.length - before).toBe(2);
  });

  it("falls back to the email when the stored uuid is gone", async () => {
    const s = await setup();
    const contact = s.sim.data.contacts[4]!;
    const batch = await s.session.refreshPerson({
      email: contact.email,
      identities: [{ vendorId: "00000000-0000-4000-8000-000000000000", kind: "contact" }],
    });
    expect(batch.people?.[0]?.identities[0]?.vendorId).toBe(contact.id);
  });

  it("returns nothing for a partial match only (search is partial; the match must be exact)", async () => {
    const s = await setup();
    const contact = s.sim.data.contacts[1]!;
    const partial = contact.email!.slice(1); // a substring of a real email
    expect(await s.session.refreshPerson({ email: partial, identities: [] })).toEqual({});
  });
});

describe("a vendor that ignores `page` — issue 13: `stop when a page brings no new id`", () => {
  it("each listing stops after one repeated page, with the guard's warning on that page", async () => {
    const big = createWorld({ people: 700, activities: 3000, campaigns: 3, tasks: 700, now: WORLD_NOW });
    const sim = createLeadlexSimulator(big, { perMinute: 6000, perDay: 100_000, now: clock });
    const server = await serveHandler(sim.handler);
    running.push(server);
    expect(sim.data.contacts.length).toBeGreaterThan(100);
    expect(sim.data.tasks.length).toBeGreaterThan(100);
    sim.faults.set({ ignorePaging: true });
    const session = createLeadlexConnector({ timeoutMs: 2000 }).open({
      baseUrl: server.url + BASE_PATH,
      apiKey: sim.apiKey,
    });
    for (const name of ["contacts", "tasks"]) {
      const before = sim.requests();
      const r = await run(session, name);
      expect(sim.requests() - before, name).toBe(2);
      expect(r.pages.at(-1)!.warnings, name).toEqual([
        `leadlex ${name}: a page brought no record not already read in this run, so paging stopped there (the vendor may have ignored a paging parameter).`,
      ]);
      expect(r.pages.slice(0, -1).every((p) => !p.warnings)).toBe(true);
    }
  });
});

describe("a contact listing longer than a run's budget", () => {
  it("goes on where it stopped at the next run, after a look at the first page for news", async () => {
    const big = createWorld({ people: 1000, activities: 3000, campaigns: 3, tasks: 30, now: WORLD_NOW });
    const sim = createLeadlexSimulator(big, { plan: "starter", perMinute: 6000, now: clock });
    const server = await serveHandler(sim.handler);
    running.push(server);
    const pages = Math.ceil(sim.data.contacts.length / 100);
    expect(pages).toBeGreaterThanOrEqual(3);
    // 32 left of 100 with 30 in reserve: each run may make two requests.
    const meta = { quota: { limit: 100, remaining: 32, resetAt: "2026-11-25T00:00:00.000Z", source: "headers" } };
    const connector = createLeadlexConnector({ timeoutMs: 2000 });
    let state: ContactsState | null = null;
    for (let i = 0; i < pages - 1; i++) {
      const session = connector.open({
        baseUrl: server.url + BASE_PATH,
        apiKey: sim.apiKey,
        meta,
        now: () => new Date(clock()),
      });
      const r: { pages: StreamPage<ContactsState>[]; state: ContactsState | null } = await run<ContactsState>(
        session,
        "contacts",
        state,
      );
      state = r.state;
    }
    expect(sim.requests()).toBe(2 * (pages - 1));
    expect(Object.keys(state!.stamps).sort()).toEqual(sim.data.contacts.map((c) => c.id).sort());
    expect(state!.next).toBeNull();
    expect(state!.fullAt).not.toBeNull();
  });
});
