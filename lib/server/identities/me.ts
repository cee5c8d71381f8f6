import "server-only";
import { eq, sql } from "drizzle-orm";
import type { Identity, IdentityOption } from "@/lib/model/team";
import type { Vendor } from "@/lib/model/vendor";
import { VENDORS } from "@/lib/model/vendor";
import { actorOf, type Principal } from "../auth/authenticate";
import { conflict } from "../http/errors";
import { queryRows, type Db } from "../store/db";
import * as t from "../store/schema";
import { displayName, ensureDirectory, forgetNames, vendorUserNames, type DirectoryRow } from "./directory";

/**
 * "Me" across vendors: the vendor users a Touchline user has linked (confirmed by them).
 * `assignee=me` selects tasks assigned to these; issue 15's "act on my tasks" checks them.
 */
export interface VendorUserRef {
  vendor: Vendor;
  vendorUserId: string;
}

export async function linkedIdentities(db: Db, userId: string): Promise<VendorUserRef[]> {
  const rows = await db
    .select({ vendor: t.userIdentities.vendor, vendorUserId: t.userIdentities.vendorUserId })
    .from(t.userIdentities)
    .where(eq(t.userIdentities.userId, userId))
    .orderBy(t.userIdentities.vendor, t.userIdentities.vendorUserId);
  return rows.filter((r): r is VendorUserRef => (VENDORS as readonly string[]).includes(r.vendor));
}

/** Whether a vendor user is one of `userId`'s ("is this task assigned to me?"). */
export async function isLinkedTo(
  db: Db,
  userId: string,
  vendor: string,
  vendorUserId: string | null,
): Promise<boolean> {
  if (!vendorUserId) return false;
  return (await linkedIdentities(db, userId)).some((i) => i.vendor === vendor && i.vendorUserId === vendorUserId);
}

export async function identitiesWithNames(db: Db, userId: string): Promise<Identity[]> {
  const [ids, names] = await Promise.all([linkedIdentities(db, userId), vendorUserNames(db)]);
  const own = await queryRows<{ vendor: string; id: string; name: string | null }>(
    db,
    sql`select vendor, vendor_user_id as id, name from vendor_users`,
  );
  const vendorNames = new Map(own.map((r) => [`${r.vendor}\u0000${r.id}`, r.name]));
  return ids.map((i) => ({
    ...i,
    name: vendorNames.get(`${i.vendor}\u0000${i.vendorUserId}`) ?? displayName(names, i.vendor, null) ?? null,
  }));
}

/** Replaces the user's links. A vendor user already linked to someone else: 409 naming who. */
export async function setIdentities(db: Db, actor: Principal, identities: VendorUserRef[]): Promise<void> {
  const unique = [...new Map(identities.map((i) => [`${i.vendor}\u0000${i.vendorUserId}`, i])).values()];
  await db.transaction(async (tx) => {
    await tx.delete(t.userIdentities).where(eq(t.userIdentities.userId, actor.userId));
    for (const i of unique) {
      const taken = await queryRows<{ email: string }>(
        tx,
        sql`select u.email from user_identities i join users u on u.id = i.user_id
            where i.vendor = ${i.vendor} and i.vendor_user_id = ${i.vendorUserId}`,
      );
      if (taken[0]) throw conflict(`${i.vendor} user ${i.vendorUserId} is linked to ${taken[0].email} already.`);
      await tx
        .insert(t.userIdentities)
        .values({ userId: actor.userId, vendor: i.vendor, vendorUserId: i.vendorUserId });
    }
    await tx.insert(t.auditLog).values({
      actor: actorOf(actor),
      event: "identities_linked",
      detail: { identities: unique.map((i) => `${i.vendor}:${i.vendorUserId}`) },
    });
  });
  forgetNames();
}

const normName = (s: string | null | undefined) =>
  (s ?? "")
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, " ")
    .trim();

/**
 * Every vendor user Touchline knows of, for linking, with a proposal where the vendor user's
 * email is the user's (or, failing that, the name is the same). The user confirms.
 */
export async function identityOptions(
  db: Db,
  user: { userId: string; email: string; name: string | null },
): Promise<IdentityOption[]> {
  await ensureDirectory(db);
  const rows = await queryRows<DirectoryRow & { linked_to: string | null; linked_user_id: string | null }>(
    db,
    sql`select v.vendor, v.vendor_user_id as id, v.name, v.email, v.source, v.task_count as open_tasks,
          coalesce(u.name, u.email) as linked_to, u.id as linked_user_id
        from vendor_users v
        left join user_identities i on i.vendor = v.vendor and i.vendor_user_id = v.vendor_user_id
        left join users u on u.id = i.user_id
        order by v.vendor, v.task_count desc, v.name nulls last, v.vendor_user_id`,
  );
  const email = user.email.toLowerCase();
  const name = normName(user.name);
  return rows
    .filter((r) => (VENDORS as readonly string[]).includes(r.vendor))
    .map((r) => ({
      vendor: r.vendor as Vendor,
      vendorUserId: r.id,
      name: r.name,
      email: r.email,
      source: r.source,
      openTasks: r.open_tasks,
      linkedTo: r.linked_user_id && r.linked_user_id !== user.userId ? r.linked_to : null,
      match:
        r.email && r.email.toLowerCase() === email
          ? ("email" as const)
          : name && normName(r.name) === name
            ? ("name" as const)
            : null,
    }));
}

/** The proposals only: vendor users that look like this user and are linked to nobody else. */
export async function identitySuggestions(
  db: Db,
  user: { userId: string; email: string; name: string | null },
): Promise<IdentityOption[]> {
  return (await identityOptions(db, user)).filter((o) => o.match && !o.linkedTo);
}
