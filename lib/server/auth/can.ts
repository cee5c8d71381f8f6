import "server-only";
import { roleAtLeast, type Role, scopeAtLeast, type TokenScope } from "@/lib/model/plain/roles";
import { forbidden } from "../http/errors";
import type { Principal } from "./authenticate";

/**
 * What each role may do, in one table. Routes declare the least role they need
 * (lib/server/http/access.ts); commands that depend on the resource — "act on a task
 * assigned to me", "reset this user's password" — ask `can()` with it.
 */
export type Action =
  | "read"
  | "sync" // start a sync, refresh a contact
  | "task.act" // change a task at its vendor (resource: the task's assignee)
  | "connections.manage"
  | "users.manage"
  | "tokens.manage" // see and revoke everyone's tokens
  | "token.never-expires"
  | "settings.manage"
  | "ownership.transfer";

const LEAST: Record<Action, Role> = {
  read: "viewer",
  sync: "member",
  "task.act": "member",
  "connections.manage": "admin",
  "users.manage": "admin",
  "tokens.manage": "admin",
  "token.never-expires": "admin",
  "settings.manage": "admin",
  "ownership.transfer": "owner",
};

/** The token scope an action needs when the caller is a token. */
const SCOPE: Record<Action, TokenScope | "session"> = {
  read: "read",
  sync: "write",
  "task.act": "write",
  "connections.manage": "admin",
  "users.manage": "admin",
  "tokens.manage": "session",
  "token.never-expires": "session",
  "settings.manage": "admin",
  "ownership.transfer": "session",
};

export interface Resource {
  /** For "task.act": whether the task is assigned to one of the caller's linked vendor users. */
  assignedToCaller?: boolean;
  /** For "users.manage" on one user: that user's role (an admin cannot manage the owner). */
  targetRole?: Role;
}

type Caller = Pick<Principal, "role" | "via" | "tokenScope">;

export function can(caller: Caller, action: Action, resource: Resource = {}): boolean {
  if (!roleAtLeast(caller.role, LEAST[action])) return false;
  if (caller.via === "token") {
    const need = SCOPE[action];
    if (need === "session" || !scopeAtLeast(caller.tokenScope ?? "read", need)) return false;
  }
  // Members act on their own tasks; admins on any.
  if (action === "task.act" && !roleAtLeast(caller.role, "admin") && resource.assignedToCaller === false) return false;
  if (action === "users.manage" && resource.targetRole === "owner" && caller.role !== "owner") return false;
  return true;
}

/** `can()` or a 403 that says what is missing. */
export function assertCan(caller: Caller, action: Action, resource: Resource = {}, what?: string): void {
  if (can(caller, action, resource)) return;
  throw forbidden(what ?? `Your role (${caller.role}) does not allow this.`);
}
