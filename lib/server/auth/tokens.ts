import "server-only";
import crypto from "node:crypto";
import { and, desc, eq, isNull, lt, or, sql } from "drizzle-orm";
import type { ApiToken, CreatedToken } from "@/lib/model/auth";
import type { Db } from "../store/db";
import * as t from "../store/schema";
import { newId } from "../sync/ids";

/**
 * API tokens for scripts: `tl_` + 32 random bytes (base64url). Only the SHA-256 of a
 * token is stored — a token is random enough that a slow hash adds nothing — so a copy
 * of the database cannot be used to call the API. The clear token is shown once.
 */
export const TOKEN_PREFIX = "tl_";

export const hashToken = (token: string) => crypto.createHash("sha256").update(token, "utf8").digest("hex");

export function generateToken(): string {
  return TOKEN_PREFIX + crypto.randomBytes(32).toString("base64url");
}

export async function createToken(db: Db, user: { id: string; email: string }, name: string): Promise<CreatedToken> {
  const token = generateToken();
  const id = newId("tok");
  await db.insert(t.apiTokens).values({ id, userId: user.id, name, tokenHash: hashToken(token) });
  await db.insert(t.auditLog).values({ actor: user.email, event: "token_created", detail: { tokenId: id, name } });
  return { id, name, token };
}

const iso = (v: string | null) => (v ? new Date(v).toISOString() : null);

export async function listTokens(db: Db): Promise<ApiToken[]> {
  const rows = await db
    .select({
      id: t.apiTokens.id,
      name: t.apiTokens.name,
      createdAt: t.apiTokens.createdAt,
      lastUsedAt: t.apiTokens.lastUsedAt,
      createdBy: t.users.email,
    })
    .from(t.apiTokens)
    .leftJoin(t.users, eq(t.users.id, t.apiTokens.userId))
    .orderBy(desc(t.apiTokens.createdAt), t.apiTokens.id);
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    createdBy: r.createdBy,
    createdAt: new Date(r.createdAt).toISOString(),
    lastUsedAt: iso(r.lastUsedAt),
  }));
}

/** Revokes a token; false when there is no such token. */
export async function revokeToken(db: Db, id: string, actor: string): Promise<boolean> {
  const deleted = await db
    .delete(t.apiTokens)
    .where(eq(t.apiTokens.id, id))
    .returning({ id: t.apiTokens.id, name: t.apiTokens.name });
  if (!deleted.length) return false;
  await db
    .insert(t.auditLog)
    .values({ actor, event: "token_revoked", detail: { tokenId: id, name: deleted[0]!.name } });
  return true;
}

/** The token's owner, or null. Marks the token used (at most once a minute, to keep reads cheap). */
export async function userForToken(
  db: Db,
  token: string,
): Promise<{ userId: string; email: string; tokenId: string; tokenName: string } | null> {
  if (!token.startsWith(TOKEN_PREFIX) || token.length > 200) return null;
  const [row] = await db
    .select({ tokenId: t.apiTokens.id, tokenName: t.apiTokens.name, userId: t.users.id, email: t.users.email })
    .from(t.apiTokens)
    .innerJoin(t.users, eq(t.users.id, t.apiTokens.userId))
    .where(eq(t.apiTokens.tokenHash, hashToken(token)));
  if (!row) return null;
  await db
    .update(t.apiTokens)
    .set({ lastUsedAt: sql`now()` })
    .where(
      and(
        eq(t.apiTokens.id, row.tokenId),
        or(isNull(t.apiTokens.lastUsedAt), lt(t.apiTokens.lastUsedAt, sql`now() - interval '1 minute'`)),
      ),
    );
  return row;
}
