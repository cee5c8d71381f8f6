import "server-only";
import { inArray } from "drizzle-orm";
import { VENDORS, type Vendor } from "@/lib/model/vendor";
import { connectors } from "@/lib/vendors/registry";
import type { ListedUser } from "@/lib/vendors/types";
import { log } from "../log";
import { decryptApiKey } from "../secrets";
import type { Db } from "../store/db";
import * as t from "../store/schema";
import { baseUrlFor } from "../sync/connector-for";

/**
 * Vendor users from a vendor's own user listing, where its documentation has one (the
 * connector's `listUsers`). The others' users come from synced tasks and activities only.
 */
export type { ListedUser };

/** Every connection's documented user listing (best effort: a failure is logged and skipped). */
export async function listedVendorUsers(db: Db): Promise<ListedUser[]> {
  const listing = VENDORS.filter((v) => connectors[v].listUsers);
  if (listing.length === 0) return [];
  const conns = await db.select().from(t.connections).where(inArray(t.connections.vendor, listing));
  const out: ListedUser[] = [];
  for (const c of conns) {
    const vendor = c.vendor as Vendor;
    try {
      const apiKey = decryptApiKey(c.keyCiphertext, { connectionId: c.id, vendor: c.vendor });
      const baseUrl = baseUrlFor(vendor, c.demo);
      out.push(
        ...((await connectors[vendor].listUsers?.({ baseUrl, apiKey, signal: AbortSignal.timeout(15_000) })) ?? []),
      );
    } catch (err) {
      log.warn("could not read a vendor's user listing for the vendor-user directory", {
        connectionId: c.id,
        vendor,
        err,
      });
    }
  }
  return out;
}
