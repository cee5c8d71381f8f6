import "server-only";
import { expect } from "vitest";
import { activitySchema } from "@/lib/model";
import { mapCloseActivity, type ContactLookup } from "./map";
import { closeActivitySchema } from "./schemas";

// What the map-activities-*.test.ts files share: a Close activity row to vary, the mapping of one
// row, and the check that a mapped row fits the unified activity schema.

export const base = {
  id: "acti_1",
  lead_id: "lead_A",
  contact_id: "cont_A",
  user_id: "user_1",
  user_name: "Sarah Okoro",
  organization_id: "orga_1",
  date_created: "2026-11-20T14:05:00.000000+00:00",
  date_updated: "2026-11-20T14:05:00.000000+00:00",
  activity_at: "2026-11-20T14:03:11.512000+00:00",
};

export function map(row: Record<string, unknown>, lookup?: ContactLookup) {
  const parsed = closeActivitySchema.parse({ ...base, ...row });
  return mapCloseActivity(parsed, row, lookup);
}

/** A mapped row must satisfy the unified schema once the engine adds its ids. */
export function valid(m: NonNullable<ReturnType<typeof map>>) {
  const { person: _p, ...rest } = m;
  expect(activitySchema.safeParse({ ...rest, connectionId: "c", contactId: null }).success).toBe(true);
}
