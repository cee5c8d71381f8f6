import "server-only";
import type { ConnectorContext, MappedActivity } from "@/lib/vendors/types";
import { mapLeadEmails, type EmailInput } from "./map";
import { activitySchema, issuePaths, leadSchema, threadReplySchema } from "./schemas";

/** A row's id for a warning, when it has a readable one. */
export function idOf(raw: unknown, key: string): string | null {
  const v = raw && typeof raw === "object" ? (raw as Record<string, unknown>)[key] : undefined;
  return typeof v === "string" || typeof v === "number" ? String(v) : null;
}

/**
 * Lead rows of all-leads-activities → events. Each lead and each of its emails is parsed
 * on its own: a row that fails is skipped, counted and reported (id and zod paths only).
 * An email's `raw` is its lead row narrowed to that email, so the detail view keeps the
 * campaign and status context it came with.
 */
export function mapLeadRows(
  rows: unknown[],
  warn?: ConnectorContext["warn"],
): { activities: MappedActivity[]; skipped: number } {
  const activities: MappedActivity[] = [];
  let skipped = 0;
  for (const raw of rows) {
    const lead = leadSchema.safeParse(raw);
    if (!lead.success) {
      skipped++;
      warn?.("smartlead: skipped a lead row it could not read", {
        leadId: idOf(raw, "lead_id"),
        issues: issuePaths(lead.error),
      });
      continue;
    }
    const { activities: _all, ...leadFields } = raw as Record<string, unknown>;
    const emails: EmailInput[] = [];
    for (const a of lead.data.activities ?? []) {
      const email = activitySchema.safeParse(a);
      if (!email.success) {
        skipped++;
        warn?.("smartlead: skipped an email it could not read", {
          leadId: lead.data.lead_id,
          statsId: idOf(a, "stats_id"),
          issues: issuePaths(email.error),
        });
        continue;
      }
      const threads: NonNullable<EmailInput["threads"]> = [];
      for (const t of email.data.thread_replies ?? []) {
        const reply = threadReplySchema.safeParse(t);
        if (reply.success) threads.push({ row: reply.data, raw: t });
        else {
          skipped++;
          warn?.("smartlead: skipped a thread reply it could not read", {
            leadId: lead.data.lead_id,
            statsId: email.data.stats_id,
            issues: issuePaths(reply.error),
          });
        }
      }
      emails.push({ row: email.data, raw: { ...leadFields, activities: [a] }, threads });
    }
    activities.push(...mapLeadEmails(lead.data, emails));
  }
  return { activities, skipped };
}
