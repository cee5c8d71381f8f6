import "server-only";
import { sql } from "drizzle-orm";
import type { Vendor } from "@/lib/model/vendor";
import { log } from "../log";
import { queryRows, type Db } from "../store/db";
import { listedVendorUsers } from "./listings";
import { isVendor, VENDOR_METAS, vendorMeta } from "@/lib/vendors/metas";

/**
 * The directory of vendor users (table `vendor_users`): who the ids on tasks and
 * activities are. Rebuilt from
 * - the vendor's documented user listing (the connector's `listUsers`),
 * - synced tasks (the assignee: some vendors give a name, some only an id),
 * - synced activities (the actor, or the raw row's users where the vendor's meta.ts says so).
 * The rebuild scans tasks and activities, so it runs in the background at most every few
 * minutes (`ensureDirectory`, every 15), never on a request's path once there is a directory.
 */

const REFRESH_MS = 15 * 60_000; // as often as the default sync interval

/** A vendor user as the directory's queries read it (vendor_users' columns). */
export interface DirectoryRow {
  vendor: string;
  id: string;
  name: string | null;
  email: string | null;
  source: "listing" | "tasks" | "activities";
  open_tasks: number;
}

export async function refreshDirectory(db: Db, opts: { listings?: boolean } = {}): Promise<number> {
  const fromTasks = await queryRows<DirectoryRow>(
    db,
    sql`select vendor, assignee->>'id' as id,
          mode() within group (order by assignee->>'name') filter (where coalesce(assignee->>'name', '') <> '') as name,
          null as email, 'tasks' as source, (count(*) filter (where status = 'open'))::int as open_tasks
        from tasks where coalesce(assignee->>'id', '') <> '' group by 1, 2`,
  );
  // A vendor whose raw rows name their users apart from the actor (its meta.ts `raw.users`)
  // is read from the raw row's pair; the others from the actor column.
  const rawUsers = VENDOR_METAS.flatMap((m) => ("users" in m.raw ? [{ vendor: m.id, ...m.raw.users }] : []));
  const fromRaw = rawUsers.map(
    (u) => sql`
          union all
          select vendor, raw->>${u.idKey}::text as id, raw->>${u.nameKey}::text as name from activities
            where vendor = ${u.vendor} and coalesce(raw->>${u.idKey}::text, '') <> ''
          union all
          select vendor, coalesce(raw->>${u.senderIdKey}::text, actor->>'id') as id, null as name from activities
            where vendor = ${u.vendor} and coalesce(raw->>${u.senderIdKey}::text, actor->>'id', '') <> ''`,
  );
  const actorVendors = rawUsers.length
    ? sql`vendor not in (${sql.join(
        rawUsers.map((u) => sql`${u.vendor}`),
        sql`, `,
      )})`
    : sql`true`;
  const fromActivities = await queryRows<DirectoryRow>(
    db,
    sql`select vendor, id, mode() within group (order by name) filter (where coalesce(name, '') not in ('', 'api')) as name,
          null as email, 'activities' as source, 0 as open_tasks
        from (
          select vendor, actor->>'id' as id, actor->>'name' as name from activities
            where ${actorVendors} and coalesce(actor->>'id', '') <> ''
          ${sql.join(fromRaw, sql``)}
        ) a group by 1, 2`,
  );
  const listed = opts.listings === false ? [] : await listedVendorUsers(db).catch(() => []);
  const merged = new Map<string, DirectoryRow>();
  const add = (r: DirectoryRow) => {
    const k = `${r.vendor}\u0000${r.id}`;
    const prev = merged.get(k);
    merged.set(
      k,
      prev
        ? {
            ...prev,
            name: prev.name ?? r.name,
            email: prev.email ?? r.email,
            open_tasks: prev.open_tasks + r.open_tasks,
            source: prev.source === "listing" || r.source === "listing" ? "listing" : prev.source,
          }
        : r,
    );
  };
  for (const u of listed)
    add({ vendor: u.vendor, id: u.vendorUserId, name: u.name, email: u.email, source: "listing", open_tasks: 0 });
  fromTasks.forEach(add);
  fromActivities.forEach(add);
  // A vendor whose "users" are sending mailboxes (its meta.ts `userNoun`): the id is the address.
  for (const r of merged.values())
    if (isVendor(r.vendor) && vendorMeta(r.vendor).userNoun === "sending mailbox" && !r.email && r.id.includes("@"))
      r.email = r.id.toLowerCase();
  const rows = [...merged.values()];
  await db.transaction(async (tx) => {
    await tx.execute(sql`delete from vendor_users`);
    for (let i = 0; i < rows.length; i += 500) {
      const chunk = rows.slice(i, i + 500);
      await tx.execute(
        sql`insert into vendor_users (vendor, vendor_user_id, name, email, source, task_count) values ${sql.join(
          chunk.map((r) => sql`(${r.vendor}, ${r.id}, ${r.name}, ${r.email}, ${r.source}, ${r.open_tasks})`),
          sql`, `,
        )}`,
      );
    }
  });
  names = null;
  return rows.length;
}

let running: Promise<void> | null = null;
let lastRun = 0;

/**
 * Keeps the directory fresh: rebuilds it in the background when older than a few minutes.
 * Waits for the rebuild only when there is no directory at all yet (or when `wait`).
 */
export async function ensureDirectory(db: Db, opts: { wait?: boolean } = {}): Promise<void> {
  const stale = Date.now() - lastRun > REFRESH_MS;
  if (stale && !running) {
    lastRun = Date.now();
    const started = Date.now();
    running = refreshDirectory(db)
      .then((n) => {
        const ms = Date.now() - started;
        (ms > 2000 ? log.warn : log.debug)("rebuilt the vendor-user directory", { users: n, ms });
      })
      .catch((err: unknown) => log.warn("could not rebuild the vendor-user directory", { err }))
      .finally(() => (running = null));
  }
  const empty = async () =>
    !(await queryRows<{ one: number }>(db, sql`select 1 as one from vendor_users limit 1`)).length;
  if (running && (opts.wait || (await empty()))) await running;
}

// ── Names ─────────────────────────────────────────────────────────────────────────────

let names: { at: number; map: Map<string, string> } | null = null;
const key = (vendor: string, id: string) => `${vendor}\u0000${id}`;

/**
 * Display names of vendor users: the directory's name (vendor listing, tasks, activities),
 * else the name of the Touchline user who linked that vendor user. Cached briefly.
 */
export async function vendorUserNames(db: Db): Promise<Map<string, string>> {
  if (names && Date.now() - names.at < 15_000) return names.map;
  await ensureDirectory(db);
  const rows = await queryRows<
    Pick<DirectoryRow, "vendor" | "id" | "name"> & { user_name: string | null; user_email: string }
  >(
    db,
    sql`select coalesce(v.vendor, i.vendor) as vendor, coalesce(v.vendor_user_id, i.vendor_user_id) as id, v.name,
          u.name as user_name, u.email as user_email
        from vendor_users v full join user_identities i on i.vendor = v.vendor and i.vendor_user_id = v.vendor_user_id
        left join users u on u.id = i.user_id`,
  );
  const map = new Map<string, string>();
  for (const r of rows) {
    const n = r.name ?? r.user_name ?? (r.user_email ? r.user_email.split("@")[0]! : null);
    if (n) map.set(key(r.vendor, r.id), n);
  }
  names = { at: Date.now(), map };
  return map;
}

/** The name to show for a vendor user: known name, else the id shortened. */
export function displayName(
  map: Map<string, string>,
  vendor: Vendor | string,
  id: string | null,
  given?: string | null,
) {
  if (given) return given;
  if (!id) return null;
  return map.get(key(vendor, id)) ?? shortId(id);
}

export const shortId = (id: string) => (id.length > 14 ? `${id.slice(0, 10)}…` : id);

/** Forget cached names (after linking identities). */
export function forgetNames(): void {
  names = null;
}
