import { sql } from "drizzle-orm";
import type { Vendor } from "@/lib/model/vendor";
import { createWorld, startSandbox, type RunningSandbox, type World } from "@/lib/sandbox";
import type { Faults } from "@/lib/sandbox/shared/faults";
import { insertConnection } from "@/lib/server/connections/store";
import { setSandboxBaseUrls } from "@/lib/server/demo/sandbox-registry";
import { queryRows, type Store } from "@/lib/server/store/db";
import { connectors } from "@/lib/vendors/registry";
import type { Stream } from "@/lib/vendors/types";

/** A small world: every vendor present, Leadlex small enough to fit one run's activity budget. */
export function smallWorld(): World {
  return createWorld({
    seed: 7,
    people: 80,
    activities: 4000,
    campaigns: 12,
    tasks: 120,
    days: 60,
    now: new Date("2026-11-20T12:00:00Z"),
  });
}

export async function startWorld(world: World): Promise<RunningSandbox[]> {
  // Leadlex's real plans allow 50 requests a minute; the tests are about correctness, not pacing
  // (its client reads the limits from the simulator's headers, so it speeds up to match).
  const sandbox = await startSandbox(world, { options: { leadlex: { perMinute: 1200, perDay: 50_000 } } });
  setSandboxBaseUrls(Object.fromEntries(sandbox.map((s) => [s.vendor, s.baseUrl])));
  return sandbox;
}

export async function connectAll(store: Store, sandbox: RunningSandbox[]): Promise<Record<Vendor, string>> {
  const out = {} as Record<Vendor, string>;
  for (const s of sandbox)
    out[s.vendor] = await insertConnection(store.db, { vendor: s.vendor, apiKey: s.apiKey, demo: true });
  return out;
}

/** What a connector yields when read from scratch, straight from the simulator: the expected ids. */
export async function expectedIds(
  s: RunningSandbox,
): Promise<{ activities: Set<string>; tasks: Set<string>; campaigns: Set<string> }> {
  const session = connectors[s.vendor].open({ baseUrl: s.baseUrl, apiKey: s.apiKey });
  const out = { activities: new Set<string>(), tasks: new Set<string>(), campaigns: new Set<string>() };
  for (const stream of session.streams() as Stream[]) {
    for await (const page of stream.pages(null)) {
      for (const a of page.batch.activities ?? []) out.activities.add(a.id);
      for (const t of page.batch.tasks ?? []) out.tasks.add(t.id);
      for (const c of page.batch.campaigns ?? []) out.campaigns.add(c.id);
    }
  }
  return out;
}

export async function storedIds(store: Store, connectionId: string) {
  const ids = async (table: string) =>
    new Set(
      (
        await queryRows<{ id: string }>(
          store.db,
          sql`select id from ${sql.identifier(table)} where connection_id = ${connectionId}`,
        )
      ).map((r) => r.id),
    );
  return { activities: await ids("activities"), tasks: await ids("tasks"), campaigns: await ids("campaigns") };
}

/** A fingerprint of everything a sync wrote for a connection: equal fingerprints, nothing changed. */
export async function fingerprint(store: Store, connectionId: string): Promise<string> {
  const [row] = await queryRows<{ f: string }>(
    store.db,
    sql`select md5(coalesce(string_agg(id || '|' || kind || '|' || occurred_at::text || '|' || coalesce(contact_id, '') || '|' || coalesce(campaign_id, ''), ',' order by id), '')) ||
               (select md5(coalesce(string_agg(id || '|' || status || '|' || coalesce(due_at::text, '') || '|' || coalesce(contact_id, ''), ',' order by id), '')) from tasks where connection_id = ${connectionId}) as f
        from activities where connection_id = ${connectionId}`,
  );
  return row!.f;
}

/** Merges `faults` into a simulator's injected faults over its control endpoint; null clears them. Answers the faults now set. */
export async function setFaults(s: RunningSandbox, faults: Faults | null): Promise<Faults> {
  const res = await fetch(`${s.baseUrl}/__sandbox/faults`, {
    method: faults ? "POST" : "DELETE",
    headers: { "content-type": "application/json" },
    body: faults ? JSON.stringify(faults) : undefined,
  });
  if (!res.ok) throw new Error(`${s.vendor} /__sandbox/faults answered ${res.status}: ${await res.text()}`);
  return (await res.json()) as Faults;
}

/** The faults a simulator has left (counters count down as requests consume them). */
export async function currentFaults(s: RunningSandbox): Promise<Faults> {
  return (await (await fetch(`${s.baseUrl}/__sandbox/faults`)).json()) as Faults;
}

/** Every spelling of a key that could leak into a message: raw, URL-encoded, and in the Basic auth headers lemlist and Close use. */
export function keyForms(apiKey: string): string[] {
  const b64 = (v: string) => Buffer.from(v).toString("base64");
  return [apiKey, encodeURIComponent(apiKey), b64(`:${apiKey}`), b64(`${apiKey}:`), b64(apiKey)];
}
