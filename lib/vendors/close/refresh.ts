import "server-only";
import { nullOn404 } from "@/lib/vendors/shared/errors";
import { PageGuard } from "@/lib/vendors/shared/page-guard";
import type { SyncBatch } from "@/lib/vendors/types";
import { pageActivitySlice } from "./activity-pages";
import { contactInfo, mapCloseContact } from "./map";
import { closeContactSchema, closeLeadSchema } from "./schemas";
import type { CloseSession } from "./session";

type FullBatch = Required<Pick<SyncBatch, "people" | "activities" | "tasks">>;

/** Everything Close has on one lead now: its contacts (people), every activity and every task. */
export async function readLead(s: CloseSession, leadId: string): Promise<FullBatch> {
  const batch: FullBatch = { people: [], activities: [], tasks: [] };
  const lead = closeLeadSchema.safeParse(await nullOn404(() => s.client.getLead(leadId)));
  if (!lead.success) return batch;
  const company = lead.data.name || lead.data.display_name || null;
  s.leadNames.set(leadId, company ?? "");
  const { ok } = s.parseRows(lead.data.contacts ?? [], "contact", closeContactSchema);
  for (const { row } of ok) {
    s.directory.set(row.id, contactInfo(row, company));
    batch.people.push(mapCloseContact(row, company));
  }
  for await (const page of pageActivitySlice(s.client, { lead_id: leadId }, {}, s.o)) {
    batch.activities.push(...(await s.mapActivities(page.rows)).activities);
    if (page.warning) s.ctx.warn?.(page.warning, { leadId });
  }
  const guard = new PageGuard("close", "tasks of a lead");
  for (let skip = 0; ; skip += s.o.pageSize) {
    const page = await s.client.listTasks({
      _type: "all",
      lead_id: leadId,
      _order_by: "date_created",
      _skip: skip,
      _limit: s.o.pageSize,
    });
    if (!guard.fresh(page.rows.map((r) => String((r as { id?: unknown })?.id ?? "")))) {
      if (guard.repeated) s.ctx.warn?.(guard.warning(), { leadId });
      break;
    }
    batch.tasks.push(...s.mapTasks(page.rows).tasks);
    if (!page.hasMore) break;
  }
  return batch;
}

/** The live path for one person: every lead their Close identities belong to, read whole. */
export async function refreshPerson(
  s: CloseSession,
  person: { email: string | null; identities: { vendorId: string; kind: string | null }[] },
): Promise<SyncBatch> {
  const leadIds = new Set<string>();
  for (const id of person.identities) {
    // Close ids carry their prefix; other vendors' identities are ignored.
    if (id.vendorId.startsWith("lead_")) leadIds.add(id.vendorId);
    else if (id.vendorId.startsWith("cont_")) {
      const known = s.directory.get(id.vendorId)?.leadId;
      if (known) leadIds.add(known);
      else {
        const c = closeContactSchema.safeParse(await nullOn404(() => s.client.getContact(id.vendorId)));
        if (c.success && c.data.lead_id) leadIds.add(c.data.lead_id);
      }
    }
  }
  const batch: FullBatch = { people: [], activities: [], tasks: [] };
  for (const leadId of leadIds) {
    const lead = await readLead(s, leadId);
    batch.people.push(...lead.people);
    batch.activities.push(...lead.activities);
    batch.tasks.push(...lead.tasks);
  }
  return batch;
}
