// zod-free, for the browser too: the roles of a Touchline team and what each may do.
// The server enforces these (lib/server/auth/can.ts, the route wrapper); pages use the same
// table to hide what a role cannot use.

export const ROLES = ["viewer", "member", "admin", "owner"] as const;
export type Role = (typeof ROLES)[number];

/** Roles an invitation or a role change can give (ownership is transferred, never assigned). */
export const ASSIGNABLE_ROLES = ["admin", "member", "viewer"] as const satisfies readonly Role[];
export type AssignableRole = (typeof ASSIGNABLE_ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  owner: "Owner",
  admin: "Admin",
  member: "Member",
  viewer: "Viewer",
};

export const ROLE_HELP: Record<Role, string> = {
  owner: "Everything an admin can do, and hands ownership on.",
  admin: "Connections and keys, users, API tokens and settings.",
  member: "Browses everything, refreshes and syncs, works their own tasks.",
  viewer: "Reads everything, changes nothing.",
};

const RANK: Record<Role, number> = { viewer: 0, member: 1, admin: 2, owner: 3 };

export const isRole = (v: unknown): v is Role => typeof v === "string" && v in RANK;

/** True when `role` is `least` or above (owner > admin > member > viewer). */
export function roleAtLeast(role: Role | null | undefined, least: Role): boolean {
  return !!role && RANK[role] >= RANK[least];
}

/** The lower of two roles: what a token may do is its scope's and its creator's role's lower bound. */
export const lowerRole = (a: Role, b: Role): Role => (RANK[a] <= RANK[b] ? a : b);

/** API token scopes: `read` only GETs; `write` also syncs, refreshes and acts on tasks; `admin` does what its creator can. */
export const TOKEN_SCOPES = ["read", "write", "admin"] as const;
export type TokenScope = (typeof TOKEN_SCOPES)[number];
export const TOKEN_SCOPE_LABELS: Record<TokenScope, string> = {
  read: "Read only",
  write: "Read and sync",
  admin: "Everything its creator can do",
};
const SCOPE_RANK: Record<TokenScope, number> = { read: 0, write: 1, admin: 2 };
export const scopeAtLeast = (scope: TokenScope, least: TokenScope) => SCOPE_RANK[scope] >= SCOPE_RANK[least];

/** Invitations and password-reset links: 7 days unless said otherwise. */
export const INVITE_DEFAULT_DAYS = 7;
export const TOKEN_DEFAULT_DAYS = 90;
