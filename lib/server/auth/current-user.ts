import "server-only";
import { cookies, headers } from "next/headers";
import { redirect } from "next/navigation";
import type { SessionUser } from "@/lib/model/auth";
import { roleAtLeast, type Role } from "@/lib/model/plain/roles";
import { getDb } from "../store/db";
import { SESSION_COOKIE } from "./session";
import { sessionFromCookie } from "./sessions";

/** The signed-in user of a page request, or null (server components). */
export async function getCurrentUser(): Promise<(SessionUser & { sessionId: string }) | null> {
  const session = await sessionFromCookie(await getDb(), (await cookies()).get(SESSION_COOKIE)?.value);
  return session
    ? { id: session.userId, email: session.email, name: session.name, role: session.role, sessionId: session.sessionId }
    : null;
}

/**
 * For pages: the signed-in user, or a redirect to sign-in. proxy.ts already turns away
 * requests without a valid cookie; this also catches an ended session or a deactivated account.
 */
export async function requireUser(): Promise<SessionUser & { sessionId: string }> {
  const user = await getCurrentUser();
  if (!user) {
    const path = (await headers()).get("x-touchline-path");
    redirect(path ? `/sign-in?next=${encodeURIComponent(safeNext(path, "http://touchline.invalid"))}` : "/sign-in");
  }
  return user;
}

/**
 * For pages that need a role (the page twin of a route's access rule): the user, or null
 * when their role is below `least` — the page then shows `<Forbidden />` instead of its content.
 */
export async function userWithRole(least: Role): Promise<{ user: SessionUser; allowed: boolean }> {
  const user = await requireUser();
  return { user, allowed: roleAtLeast(user.role, least) };
}

/**
 * A `next` target that stays on this site: resolved against our own origin like a
 * browser would (so `/\t/evil.example`, `/\\evil.example` or `//evil.example` cannot
 * leave it), then kept only when it is the same origin; returned as a path.
 */
export function safeNext(next: string | null | undefined, origin = "http://touchline.invalid"): string {
  if (!next || next.length > 2000) return "/";
  let url: URL;
  try {
    url = new URL(next, origin);
  } catch {
    return "/";
  }
  if (url.origin !== new URL(origin).origin) return "/";
  const path = url.pathname + url.search + url.hash;
  if (!path.startsWith("/") || path.startsWith("//")) return "/";
  if (/^\/(sign-in|setup|invite|reset-password)(\/|$|\?)/.test(path) || path.startsWith("/api/")) return "/";
  return path;
}
