import type { Person } from "@/lib/sandbox/shared/world";
import { ALT_SPELLING, DAY, secs, type Ctx } from "./context";
import { isoOf, type LeadlexContact } from "./records";

/**
 * Contacts, built after their activities: created before their first activity, and
 * `updated_date` at their latest one (Leadlex moves it when something happens to the
 * contact — an assumption, see docs/vendor-assumptions.md).
 */

export function buildContacts(ctx: Ctx, people: Person[], ids: string[], startMs: number, nowMs: number): void {
  const { data, rng } = ctx;
  const rows: { c: LeadlexContact; created: number }[] = [];
  for (let i = 0; i < people.length; i++) {
    const p = people[i]!;
    const id = ids[i]!;
    const list = data.byContact.get(id);
    // Newest first: the last index is the earliest activity.
    const first = list?.length ? data.activityMs[list[list.length - 1]!]! : nowMs - rng.int(0, 30) * DAY;
    const last = list?.length ? data.activityMs[list[0]!]! : first;
    const created = secs(Math.max(startMs - 90 * DAY, first - rng.int(1, 45) * DAY - rng.int(0, 86_399) * 1000));
    const updated = Math.min(nowMs, Math.max(last, created + rng.int(0, 10) * DAY));
    const c: LeadlexContact = {
      id,
      full_name: `${p.firstName} ${p.lastName}`,
      email: p.email,
      phone: rng.chance(0.85) ? p.phone : null,
      job_title: rng.chance(0.9) ? p.jobTitle : null,
      company_name: p.company,
    };
    if (rng.chance(ALT_SPELLING)) {
      c.created_date = isoOf(created);
      c.updated_at = isoOf(updated);
    } else {
      c.created_at = isoOf(created);
      c.updated_date = isoOf(updated);
    }
    rows.push({ c, created });
  }
  rows.sort((a, b) => a.created - b.created || (a.c.id < b.c.id ? -1 : 1));
  for (const { c } of rows) {
    data.contactIndex.set(c.id, data.contacts.length);
    data.contacts.push(c);
  }
}
