import "server-only";
import type { ListedUser } from "@/lib/vendors/types";
import { createLemlistClient } from "./client";

/**
 * lemlist's user listing (`GET /team`, seed 000). Its answer's shape is not in the
 * documentation: `userIds` (strings) is read, and a `users` array of `{_id, name, email}`
 * if there is one (docs/vendor-assumptions.md).
 */
export function parseLemlistTeam(body: unknown): ListedUser[] {
  if (!body || typeof body !== "object") return [];
  const out = new Map<string, ListedUser>();
  const o = body as Record<string, unknown>;
  if (Array.isArray(o.userIds))
    for (const id of o.userIds) {
      const s = str(id);
      if (s) out.set(s, { vendor: "lemlist", vendorUserId: s, name: null, email: null });
    }
  if (Array.isArray(o.users))
    for (const u of o.users) {
      if (!u || typeof u !== "object") continue;
      const r = u as Record<string, unknown>;
      const id = str(r._id) ?? str(r.id);
      if (id)
        out.set(id, {
          vendor: "lemlist",
          vendorUserId: id,
          name: str(r.name),
          email: str(r.email)?.toLowerCase() ?? null,
        });
    }
  return [...out.values()];
}

const str = (v: unknown) => (typeof v === "string" && v.trim() ? v.trim() : null);

/** The team's users, read once with few retries: the directory is best effort. */
export async function listLemlistUsers(ctx: { baseUrl: string; apiKey: string; signal?: AbortSignal }) {
  const client = createLemlistClient(ctx, { maxRetries: 1, maxRateLimitRetries: 1 });
  return parseLemlistTeam(await client.team());
}
