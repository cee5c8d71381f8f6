import "server-only";
import crypto from "node:crypto";
import { and, desc, eq, gt, isNull, lt, or, sql } from "drizzle-orm";
import type { ApiToken, CreatedToken } from "@/lib/model/auth";
import { isRole, type Role, type TokenScope } from "@/lib/model/plain/roles";
import type { Db } from "../store/db";
import * as t from "../store/schema";
import { newId } from "../sync/ids";

/**
 * API tokens for scripts: `tl_` + 32 random bytes (base64url). Only the SHA-256 of a
 * token is stored — a token is random enough that a slow hash adds nothing — so a copy
 * of the database cannot be used to call the API. The clear token is shown once.
 * A token has a scope (read, write, admin), an expiry, and acts with at most its
 * creator's current role: demote or deactivate the creator and the token follows.
 */
export const TOKEN_PREFIX = "tl_";

export const hashToken = (token: string) => crypto.createHash("sha256").update(token, "utf8").digest("hex");

export function generateToken(): string {
  return TOKEN_PREFIX + crypto.randomBytes(32).toString("base64url");
}

const iso = (v: string | null) => (v ? new Date(v).toISOString() : null);

export async function createToken(
  db: Db,
  user: { id: string; email: string },
  name: string,
  opts: { scope?: TokenScope; expiresInDays?: number | null } = {},
): Promise<CreatedToken> {
  const token = generateToken();
  const id = newId("tok");
  const scope = opts.scope ?? "read";
  const days = opts.expiresInDays === undefined ? 90 : opts.expiresInDays;
  const [row] = await db
    .insert(t.apiTokens)
    .values({
      id,
      userId: user.id,
      name,
      scope,
      tokenHash: hashToken(token),
      expiresAt: days === null ? null : sql`now() + ${sql.raw(`interval '${Math.round(days)} days'`)}`,
    })
    .returning({ expiresAt: t.apiTokens.expiresAt });
  await db
    .insert(t.auditLog)
    .values({ actor: user.email, event: "token_created", detail: { tokenId: id, name, scope } });
  return { id, name, scope, expiresAt: iso(row?.expiresAt ?? null), token };
}

/** Tokens, newest first: everyone's (`userId` absent) or one user's. */
export async function listTokens(db: Db, userId?: string): Promise<ApiToken[]> {
  const rows = await db
    .select({
      id: t.apiTokens.id,
      name: t.apiTokens.name,
      scope: t.apiTokens.scope,
      createdAt: t.apiTokens.createdAt,
      expiresAt: t.apiTokens.expiresAt,
      lastUsedAt: t.apiTokens.lastUsedAt,
      createdBy: t.users.email,
    })
    .from(t.apiTokens)
    .leftJoin(t.users, eq(t.users.id, t.apiTokens.userId))
    .where(userId ? eq(t.apiTokens.userId, userId) : undefined)
    .orderBy(desc(t.apiTokens.createdAt), t.apiTokens.id);
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    scope: r.scope as TokenScope,
    createdBy: r.createdBy,
    createdAt: new Date(r.createdAt).toISOString(),
    expiresAt: iso(r.expiresAt),
    lastUsedAt: iso(r.lastUsedAt),
  }));
}

/** Revokes a token (only `ownerId`'s when given); false when there is no such token. */
export async function revokeToken(db: Db, id: string, actor: string, ownerId?: string): Promise<boolean> {
  const deleted = await db
    .delete(t.apiTokens)
    .where(ownerId ? and(eq(t.apiTokens.id, id), eq(t.apiTokens.userId, ownerId)) : eq(t.apiTokens.id, id))
    .returning({ id: t.apiTokens.id, name: t.apiTokens.name });
  if (!deleted.length) return false;
  await db
    .insert(t.auditLog)
    .values({ actor, event: "token_revoked", detail: { tokenId: id, name: deleted[0]!.name } });
  return true;
}

export interface TokenOwner {
  userId: string;
  email: string;
  name: string | null;
  role: Role;
  tokenId: string;
  tokenName: string;
  scope: TokenScope;
}

/** The token's active owner, or null (unknown, expired, owner deactivated). Marks it used (at most once a minute). */
export async function userForToken(db: Db, token: string): Promise<TokenOwner | null> {
  if (!token.startsWith(TOKEN_PREFIX) || token.length > 200) return null;
  const [row] = await db
    .select({
      tokenId: t.apiTokens.id,
      tokenName: t.apiTokens.name,
      scope: t.apiTokens.scope,
      userId: t.users.id,
      email: t.users.email,
      name: t.users.name,
      role: t.users.role,
    })
    .from(t.apiTokens)
    .innerJoin(t.users, eq(t.users.id, t.apiTokens.userId))
    .where(
      and(
        eq(t.apiTokens.tokenHash, hashToken(token)),
        eq(t.users.active, true),
        or(isNull(t.apiTokens.expiresAt), gt(t.apiTokens.expiresAt, sql`now()`)),
      ),
    );
  if (!row || !isRole(row.role)) return null;
  await db
    .update(t.apiTokens)
    .set({ lastUsedAt: sql`now()` })
    .where(
      and(
        eq(t.apiTokens.id, row.tokenId),
        or(isNull(t.apiTokens.lastUsedAt), lt(t.apiTokens.lastUsedAt, sql`now() - interval '1 minute'`)),
      ),
    );
  return { ...row, role: row.role, scope: row.scope as TokenScope };
}
