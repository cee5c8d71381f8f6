import "server-only";
import { and, eq, sql } from "drizzle-orm";
import type { UserSummary } from "@/lib/model/team";
import { isRole, roleAtLeast, type AssignableRole, type Role } from "@/lib/model/plain/roles";
import { actorOf, type Principal } from "../auth/authenticate";
import { assertCan } from "../auth/can";
import { hashPassword, verifyPassword } from "../auth/password";
import { endUserSessions, forgetSessions } from "../auth/sessions";
import { findUserById, normaliseLoginEmail, type UserRow } from "../auth/users";
import { AppError, conflict, forbidden, notFound, unprocessable } from "../http/errors";
import { queryRows, type Db } from "../store/db";
import * as t from "../store/schema";
import { newId } from "../sync/ids";
import { claimLink, type LinkKind } from "./links";

// The team's users: listing, role changes, deactivation, removal, ownership, passwords.
// Every change names its actor in the audit log.

const iso = (v: string | Date | null) => (v ? new Date(v).toISOString() : null);

export async function listUsers(db: Db): Promise<UserSummary[]> {
  const rows = await queryRows<{
    id: string;
    email: string;
    name: string | null;
    role: string;
    active: boolean;
    created_at: string | Date;
    last_seen_at: string | Date | null;
  }>(
    db,
    sql`select u.id, u.email, u.name, u.role, u.active, u.created_at,
          (select max(s.last_seen_at) from sessions s where s.user_id = u.id) as last_seen_at
        from users u
        order by case u.role when 'owner' then 0 when 'admin' then 1 when 'member' then 2 else 3 end, u.email`,
  );
  return rows.map((r) => ({
    id: r.id,
    email: r.email,
    name: r.name,
    role: isRole(r.role) ? r.role : "viewer",
    active: r.active,
    createdAt: iso(r.created_at)!,
    lastSeenAt: iso(r.last_seen_at),
  }));
}

async function target(db: Db, actor: Principal, id: string): Promise<UserRow & { role: Role }> {
  const user = await findUserById(db, id);
  if (!user || !isRole(user.role)) throw notFound("User");
  assertCan(actor, "users.manage", { targetRole: user.role }, "Only the owner can change the owner's account.");
  return user as UserRow & { role: Role };
}

/** Changes a user's role and/or active flag. Deactivating ends their sessions at once. */
export async function updateUser(
  db: Db,
  actor: Principal,
  id: string,
  change: { role?: AssignableRole; active?: boolean },
): Promise<UserSummary> {
  const user = await target(db, actor, id);
  if (user.id === actor.userId) throw forbidden("You cannot change your own role or deactivate yourself.");
  if (user.role === "owner") throw forbidden("Transfer ownership first; the owner's role cannot be changed.");
  const who = actorOf(actor);
  await db.transaction(async (tx) => {
    if (change.role !== undefined && change.role !== user.role) {
      await tx.update(t.users).set({ role: change.role }).where(eq(t.users.id, id));
      await tx.insert(t.auditLog).values({
        actor: who,
        event: "role_changed",
        detail: { userId: id, email: user.email, from: user.role, to: change.role },
      });
    }
    if (change.active !== undefined && change.active !== user.active) {
      await tx.update(t.users).set({ active: change.active }).where(eq(t.users.id, id));
      await tx.insert(t.auditLog).values({
        actor: who,
        event: change.active ? "user_reactivated" : "user_deactivated",
        detail: { userId: id, email: user.email },
      });
    }
  });
  if (change.active === false) await endUserSessions(db, id);
  forgetSessions(); // a cached session must not keep the old role

  const updated = (await listUsers(db)).find((u) => u.id === id);
  if (!updated) throw notFound("User");
  return updated;
}

/** Removes a user for good (their sessions, tokens and links to vendor users go with them). */
export async function removeUser(db: Db, actor: Principal, id: string): Promise<void> {
  const user = await target(db, actor, id);
  if (user.id === actor.userId) throw forbidden("You cannot remove yourself.");
  if (user.role === "owner") throw forbidden("The owner cannot be removed; transfer ownership first.");
  await endUserSessions(db, id);
  await db.transaction(async (tx) => {
    await tx.delete(t.users).where(eq(t.users.id, id));
    await tx
      .insert(t.auditLog)
      .values({ actor: actorOf(actor), event: "user_removed", detail: { userId: id, email: user.email } });
  });
}

/** The owner hands ownership to an active user, and becomes an admin. */
export async function transferOwnership(db: Db, actor: Principal, toUserId: string): Promise<void> {
  assertCan(actor, "ownership.transfer", {}, "Only the owner can transfer ownership, from a signed-in session.");
  if (toUserId === actor.userId) throw unprocessable("You are the owner already.");
  await db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended('touchline:ownership', 0))`);
    const [to] = await tx.select().from(t.users).where(eq(t.users.id, toUserId));
    if (!to) throw notFound("User");
    if (!to.active) throw unprocessable("Reactivate this user before making them the owner.");
    const moved = await tx
      .update(t.users)
      .set({ role: "admin" })
      .where(and(eq(t.users.id, actor.userId), eq(t.users.role, "owner")))
      .returning({ id: t.users.id });
    if (!moved.length) throw conflict("You are no longer the owner.");
    await tx.update(t.users).set({ role: "owner" }).where(eq(t.users.id, toUserId));
    await tx.insert(t.auditLog).values({
      actor: actorOf(actor),
      event: "ownership_transferred",
      detail: { userId: toUserId, email: to.email, previousRole: to.role },
    });
  });
  forgetSessions();
}

/** A password change: needs the current one; ends every other session of the user. */
export async function changePassword(
  db: Db,
  actor: Principal,
  current: string,
  next: string,
): Promise<{ endedSessions: number }> {
  const user = await findUserById(db, actor.userId);
  if (!user) throw notFound("User");
  if (!(await verifyPassword(current, user.passwordHash)))
    throw new AppError(403, "Wrong password", "currentPassword: that is not your current password.", [
      { path: "currentPassword", message: "not your current password" },
    ]);
  await db
    .update(t.users)
    .set({ passwordHash: await hashPassword(next) })
    .where(eq(t.users.id, user.id));
  const ended = await endUserSessions(db, user.id, actor.sessionId);
  await db
    .insert(t.auditLog)
    .values({ actor: actorOf(actor), event: "password_changed", detail: { endedSessions: ended } });
  return { endedSessions: ended };
}

/** Accepts an invitation: creates the user with the invitation's role (once per link). */
export async function acceptInvite(
  db: Db,
  token: string,
  input: { email: string; name?: string; password: string },
): Promise<UserRow> {
  const email = normaliseLoginEmail(input.email);
  const passwordHash = await hashPassword(input.password);
  return db.transaction(async (tx) => {
    const link = await claimLink(tx, "invite", token, email);
    if (!link) throw notFound("Invitation (it was used already, has expired or was revoked)");
    const [exists] = await tx.select({ id: t.users.id }).from(t.users).where(eq(t.users.email, email));
    if (exists) throw conflict("An account with this email exists already. Sign in instead.");
    const role: Role = link.role && isRole(link.role) && link.role !== "owner" ? link.role : "viewer";
    const [user] = await tx
      .insert(t.users)
      .values({ id: newId("usr"), email, name: input.name || null, passwordHash, role })
      .returning();
    await tx
      .insert(t.auditLog)
      .values({ actor: email, event: "invite_accepted", detail: { inviteId: link.id, role, userId: user!.id } });
    return user!;
  });
}

/** Uses a password-reset link: sets the password and ends every session of that user. */
export async function useResetLink(db: Db, token: string, password: string): Promise<UserRow> {
  const passwordHash = await hashPassword(password);
  const user = await db.transaction(async (tx) => {
    const link = await claimLink(tx, "password_reset" satisfies LinkKind, token, "link");
    if (!link?.userId) throw notFound("Password reset link (it was used already or has expired)");
    const [row] = await tx.update(t.users).set({ passwordHash }).where(eq(t.users.id, link.userId)).returning();
    if (!row) throw notFound("User");
    await tx.insert(t.auditLog).values({ actor: row.email, event: "password_reset_used", detail: { linkId: link.id } });
    return row;
  });
  await endUserSessions(db, user.id);
  return user;
}

/** Whether an admin may hand `actor` a reset link for `target` (never for someone of a higher role). */
export function mayReset(actor: Principal, targetRole: Role): boolean {
  return actor.role === "owner" || (roleAtLeast(actor.role, "admin") && !roleAtLeast(targetRole, actor.role));
}
