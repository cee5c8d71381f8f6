import "server-only";
import { sql } from "drizzle-orm";
import type { TaskCapabilities } from "@/lib/model/task-change";
import { VENDORS, type Vendor } from "@/lib/model/vendor";
import type { Principal } from "../auth/authenticate";
import { can } from "../auth/can";
import { linkedIdentities } from "../identities/me";
import { queryRows, type Db } from "../store/db";

/**
 * What the caller may do to tasks (GET /tasks/capabilities, docs/api-additions.md): their
 * scope (all tasks, their own, none), each connection's task actions as its vendor allows
 * them (or the reason they are off), and the teammates tasks can be reassigned to — the
 * Touchline users linked to a vendor user of that vendor.
 */
export async function taskCapabilities(db: Db, principal: Principal): Promise<TaskCapabilities> {
  const { connectors } = await import("@/lib/vendors/registry");
  const scope = !can(principal, "task.act", { assignedToCaller: true })
    ? "none"
    : can(principal, "task.act", { assignedToCaller: false })
      ? "all"
      : "own";
  const conns = await queryRows<{ id: string; vendor: string; label: string; refused: string | null }>(
    db,
    sql`select id, vendor, label, meta->>'taskWritesRefused' as refused from connections order by created_at, id`,
  );
  const mates = await queryRows<{ vendor: string; vendor_user_id: string; name: string }>(
    db,
    sql`select i.vendor, i.vendor_user_id, coalesce(nullif(u.name, ''), u.email) as name
        from user_identities i join users u on u.id = i.user_id
        where u.active order by name, i.vendor`,
  );
  const isVendor = (v: string): v is Vendor => (VENDORS as readonly string[]).includes(v);
  return {
    role: principal.role,
    identities: await linkedIdentities(db, principal.userId),
    scope,
    connections: conns.flatMap((c) => {
      if (!isVendor(c.vendor)) return [];
      const writer = connectors[c.vendor].tasks;
      if (!writer) return [];
      return [
        {
          connectionId: c.id,
          vendor: c.vendor,
          label: c.label,
          actions: writer.capabilities,
          disabled: c.refused || null,
        },
      ];
    }),
    teammates: mates.flatMap((m) =>
      isVendor(m.vendor) ? [{ vendor: m.vendor, vendorUserId: m.vendor_user_id, name: m.name }] : [],
    ),
  };
}
