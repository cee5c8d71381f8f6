import type { ActivityIndex } from "./activity-query";
import type { CloseData } from "./data";
import { rid } from "./data/ids";
import type { EventLog } from "./event-log";
import { closeDate, type CloseActivity, type CloseContact, type CloseTask } from "./records";

/**
 * Changes to the simulated Close account after a first read, as a user or Close itself makes
 * them — each logged in the event log the way Close documents it. For tests (and the
 * sandbox), called on the simulator object: `sim.changes.deleteActivity(id)`. Not an HTTP
 * endpoint: Close's own API has no such thing.
 */

export interface ChangeOptions {
  /** The event shows up this long after the change (events may appear slightly out of order). */
  lagMs?: number;
}

export interface CloseChanges {
  /** Edits fields of an activity (a call's note written later, a custom activity's `activity_at` corrected). */
  editActivity(id: string, patch: Record<string, unknown>, o?: ChangeOptions): CloseActivity;
  /** Deletes an activity (a note logged on the wrong lead). */
  deleteActivity(id: string, o?: ChangeOptions): CloseActivity;
  /** A sequence email to a contact, scheduled to go out at `sendAtMs`. */
  scheduleEmail(contactId: string, sendAtMs: number, o?: ChangeOptions): CloseActivity;
  /** Close sends a scheduled email: its `date_created` stays; `status` and `activity_at` (the send time) change. */
  sendScheduledEmail(id: string, o?: ChangeOptions & { atMs?: number }): CloseActivity;
  /** Edits a task (e.g. `{is_complete: true}`). */
  editTask(id: string, patch: Partial<CloseTask>, o?: ChangeOptions): CloseTask;
  /**
   * Merges lead `sourceId` into `destinationId`: the source's contacts, activities and tasks
   * move to the destination (`updated` events), the destination gets `merged`, the source
   * lead is deleted; every event of the merge carries both ids in `meta`.
   */
  mergeLeads(sourceId: string, destinationId: string, o?: ChangeOptions): void;
}

export function createCloseChanges(
  data: CloseData,
  index: ActivityIndex,
  events: EventLog,
  now: () => number,
  /** Rebuilds the simulator's contact and lead lookups after contacts or leads change. */
  reindexPeople: () => void,
): CloseChanges {
  const stamp = () => closeDate(now());
  const activity = (id: string) => {
    const a = index.byId.get(id);
    if (!a || a._type === "EmailThread") throw new Error(`no activity ${id}`);
    return a;
  };
  const before = (row: object, fields: string[]) =>
    Object.fromEntries(fields.map((f) => [f, (row as Record<string, unknown>)[f] ?? null]));

  function editActivity(id: string, patch: Record<string, unknown>, o: ChangeOptions = {}) {
    const old = activity(id);
    const next = { ...old, ...patch, date_updated: stamp() } as CloseActivity;
    index.replace(next);
    const fields = Object.keys(patch);
    events.recordActivity(next, "updated", {
      changedFields: fields,
      previousData: before(old, fields),
      lagMs: o.lagMs,
    });
    return next;
  }

  function editTask(id: string, patch: Partial<CloseTask>, o: ChangeOptions = {}, meta?: Record<string, unknown>) {
    const i = data.tasks.findIndex((t) => t.id === id);
    if (i < 0) throw new Error(`no task ${id}`);
    const old = data.tasks[i]!;
    const next: CloseTask = { ...old, ...patch, date_updated: stamp() };
    data.tasks[i] = next;
    const fields = Object.keys(patch);
    events.record({
      objectType: `task.${next._type}`,
      objectId: id,
      leadId: next.lead_id,
      action: "updated",
      data: next,
      changedFields: fields,
      previousData: before(old, fields),
      userId: next.assigned_to,
      meta,
      lagMs: o.lagMs,
    });
    return next;
  }

  return {
    editActivity,
    editTask: (id, patch, o) => editTask(id, patch, o),

    deleteActivity(id, o = {}) {
      const old = index.remove(activity(id).id)!;
      events.recordActivity(old, "deleted", { lagMs: o.lagMs });
      return old;
    },

    scheduleEmail(contactId, sendAtMs, o = {}) {
      const c = data.contacts.find((x) => x.id === contactId);
      if (!c) throw new Error(`no contact ${contactId}`);
      const user = data.users[0]!;
      const sequence = data.sequences[0] ?? null;
      const created = stamp();
      const at = closeDate(sendAtMs);
      const email = c.emails[0]?.email ?? "";
      const e: CloseActivity = {
        id: rid(data.driftRng, "acti_", 43),
        _type: "Email",
        lead_id: c.lead_id,
        contact_id: c.id,
        user_id: user.id,
        user_name: `${user.first_name} ${user.last_name}`,
        organization_id: data.organization.id,
        date_created: created,
        date_updated: created,
        activity_at: at,
        created_by: user.id,
        updated_by: user.id,
        users: [user.id],
        direction: "outgoing",
        status: "scheduled",
        subject: "A quick follow-up",
        body_text: "Hi, following up on my last note — would next week work for a call?",
        body_html: "<p>Hi, following up on my last note — would next week work for a call?</p>",
        body_preview: "Hi, following up on my last note — would next week work for a call?",
        to: [`"${c.name}" <${email}>`],
        thread_id: rid(data.driftRng, "acti_", 43),
        sequence_id: sequence?.id ?? null,
        sequence_name: sequence?.name ?? null,
        date_scheduled: at,
        date_sent: null,
        opens: [],
        attachments: [],
      };
      index.insert(e);
      events.recordActivity(e, "created", { lagMs: o.lagMs });
      return e;
    },

    sendScheduledEmail(id, o = {}) {
      const old = activity(id);
      if (old._type !== "Email") throw new Error(`${id} is not an email`);
      const sent = closeDate(o.atMs ?? now());
      return editActivity(id, { status: "sent", activity_at: sent, date_sent: sent }, o);
    },

    mergeLeads(sourceId, destinationId, o = {}) {
      const source = data.leads.find((l) => l.id === sourceId);
      const destination = data.leads.find((l) => l.id === destinationId);
      if (!source || !destination || source === destination) throw new Error("merge needs two leads");
      const meta = { merge_source_lead_id: sourceId, merge_destination_lead_id: destinationId };
      const at = stamp();
      for (const [i, c] of data.contacts.entries()) {
        if (c.lead_id !== sourceId) continue;
        const next: CloseContact = { ...c, lead_id: destinationId, date_updated: at };
        data.contacts[i] = next;
        events.record({
          objectType: "contact",
          objectId: c.id,
          leadId: destinationId,
          action: "updated",
          data: next,
          changedFields: ["lead_id"],
          previousData: { lead_id: sourceId },
          meta,
          lagMs: o.lagMs,
        });
      }
      for (const a of [...(index.byLead.get(sourceId) ?? [])]) {
        const next = { ...a, lead_id: destinationId, date_updated: at };
        index.replace(next);
        events.recordActivity(next, "updated", {
          changedFields: ["lead_id"],
          previousData: { lead_id: sourceId },
          meta,
          lagMs: o.lagMs,
        });
      }
      for (const t of data.threads) if (t.lead_id === sourceId) t.lead_id = destinationId;
      index.threadsByLead.set(destinationId, [
        ...(index.threadsByLead.get(destinationId) ?? []),
        ...(index.threadsByLead.get(sourceId) ?? []),
      ]);
      index.threadsByLead.delete(sourceId);
      for (const t of data.tasks.filter((x) => x.lead_id === sourceId))
        editTask(t.id, { lead_id: destinationId, lead_name: destination.name }, o, meta);
      data.leads.splice(data.leads.indexOf(source), 1);
      reindexPeople();
      events.record({
        objectType: "lead",
        objectId: sourceId,
        leadId: sourceId,
        action: "deleted",
        data: source,
        meta,
        lagMs: o.lagMs,
      });
      events.record({
        objectType: "lead",
        objectId: destinationId,
        leadId: destinationId,
        action: "merged",
        data: { ...destination, date_updated: at },
        meta,
        lagMs: o.lagMs,
      });
    },
  };
}
