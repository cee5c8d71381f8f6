import "server-only";
import { eq } from "drizzle-orm";
import type { Vendor } from "@/lib/model/vendor";
import { createLemlistClient } from "@/lib/vendors/lemlist/client";
import { log } from "../log";
import { decryptApiKey } from "../secrets";
import type { Db } from "../store/db";
import * as t from "../store/schema";
import { baseUrlFor } from "../sync/connector-for";

/**
 * Vendor users from a vendor's own user listing, where its documentation has one.
 * Only lemlist documents one (`GET /team`, seed 000). Its answer's shape is not in the
 * documentation: `userIds` (strings) is read, and a `users` array of `{_id, name, email}`
 * if there is one (docs/vendor-assumptions.md). Close, Leadlex and Smartlead document no
 * user listing here, so their users come from synced tasks and activities only.
 */
export interface ListedUser {
  vendor: Vendor;
  vendorUserId: string;
  name: string | null;
  email: string | null;
}

const str = (v: unknown) => (typeof v === "string" && v.trim() ? v.trim() : null);

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

/** Every connection's documented user listing (best effort: a failure is logged and skipped). */
export async function listedVendorUsers(db: Db): Promise<ListedUser[]> {
  const conns = await db.select().from(t.connections).where(eq(t.connections.vendor, "lemlist"));
  const out: ListedUser[] = [];
  for (const c of conns) {
    try {
      const apiKey = decryptApiKey(c.keyCiphertext, { connectionId: c.id, vendor: c.vendor });
      const client = createLemlistClient(
        { baseUrl: baseUrlFor("lemlist", c.demo), apiKey, signal: AbortSignal.timeout(15_000) },
        { maxRetries: 1, maxRateLimitRetries: 1 },
      );
      out.push(...parseLemlistTeam(await client.team()));
    } catch (err) {
      log.warn("could not read lemlist's team listing for the vendor-user directory", { connectionId: c.id, err });
    }
  }
  return out;
}
