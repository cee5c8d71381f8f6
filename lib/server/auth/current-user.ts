import "server-only";
import { cookies, headers } from "next/headers";
import { redirect } from "next/navigation";
import type { SessionUser } from "@/lib/model/auth";
import { getDb } from "../store/db";
import { openSession, SESSION_COOKIE } from "./session";
import { findUserById } from "./users";

/** The signed-in user of a page request, or null (server components). */
export async function getCurrentUser(): Promise<SessionUser | null> {
  const claims = await openSession((await cookies()).get(SESSION_COOKIE)?.value);
  if (!claims) return null;
  const user = await findUserById(await getDb(), claims.userId);
  return user ? { id: user.id, email: user.email } : null;
}

/**
 * For pages: the signed-in user, or a redirect to sign-in. proxy.ts already turns away
 * requests without a valid cookie; this also catches a deleted account.
 */
export async function requireUser(): Promise<SessionUser> {
  const user = await getCurrentUser();
  if (!user) {
    const path = (await headers()).get("x-touchline-path");
    redirect(
      path && path.startsWith("/") && !path.startsWith("//") ? `/sign-in?next=${encodeURIComponent(path)}` : "/sign-in",
    );
  }
  return user;
}

/** A `next` target that stays on this site (no `//evil.example`, no scheme). */
export function safeNext(next: string | null | undefined): string {
  if (!next || !next.startsWith("/") || next.startsWith("//") || next.startsWith("/\\")) return "/";
  if (next.startsWith("/sign-in") || next.startsWith("/setup") || next.startsWith("/api/")) return "/";
  return next;
}
