import { closeDate, type CloseActivity } from "../records";
import type { CloseData } from "./index";
import { EMPTY, insertionIndex, rid } from "./ids";

/**
 * Appends `n` new activities created at `now` (a call, a note or an outgoing email to
 * an existing contact), keeping `data.activities` sorted. Returns them, for indexes.
 */
export function addCloseDriftItems(data: CloseData, n: number, now: Date): CloseActivity[] {
  const rng = data.driftRng;
  const out: CloseActivity[] = [];
  if (data.contacts.length === 0) return out;
  const ms = now.getTime();
  for (let i = 0; i < n; i++) {
    const c = rng.pick(data.contacts);
    const u = rng.pick(data.users);
    const kind = rng.pick(["Call", "Note", "Email"] as const);
    const a: CloseActivity = {
      id: rid(rng, "acti_", 43),
      _type: kind,
      lead_id: c.lead_id,
      contact_id: c.id,
      user_id: u.id,
      user_name: `${u.first_name} ${u.last_name}`,
      organization_id: data.organization.id,
      date_created: closeDate(ms),
      date_updated: closeDate(ms),
      activity_at: closeDate(ms),
      created_by: u.id,
      updated_by: u.id,
      users: [u.id],
    };
    if (kind === "Call")
      Object.assign(a, {
        direction: "outbound",
        status: "completed",
        disposition: "answered",
        duration: rng.int(30, 600),
        note: "Quick check-in call.",
        phone: c.phones[0]?.phone ?? null,
      });
    else if (kind === "Note")
      Object.assign(a, {
        title: null,
        note: "Added while a sync was running.",
        note_html: "<p>Added while a sync was running.</p>",
        pinned: false,
        attachments: EMPTY,
      });
    else
      Object.assign(a, {
        direction: "outgoing",
        status: "sent",
        subject: "Checking in",
        body_text: "Hi, just checking in on my last note.",
        body_html: "<p>Hi, just checking in on my last note.</p>",
        body_preview: "Hi, just checking in on my last note.",
        to: [c.emails[0]?.email ?? ""],
        thread_id: rid(rng, "acti_", 43),
        sequence_id: null,
        sequence_name: null,
        opens: [],
        attachments: EMPTY,
      });
    data.activities.splice(insertionIndex(data.activities, a), 0, a);
    out.push(a);
  }
  return out;
}
