import { crmActivity } from "./activities";
import { DAY, placeLastActivity, type Ctx, type LeadlexData } from "./context";
import { isoOf, type LeadlexActivity, type LeadlexContact, type LeadlexTask } from "./records";
import { buildTask } from "./tasks";

/** Page drift: rows the account gains while a client pages through it (`driftPerRequest`). */

function touchContact(c: LeadlexContact, ms: number): void {
  if (c.updated_at !== undefined) c.updated_at = isoOf(ms);
  else c.updated_date = isoOf(ms);
}

function driftCtx(data: LeadlexData): Ctx {
  const nameOf: Ctx["nameOf"] = new Map();
  for (const c of data.contacts)
    nameOf.set(c.id, {
      first: c.full_name.split(" ")[0] ?? c.full_name,
      full: c.full_name,
      company: c.company_name ?? "their company",
      email: c.email,
    });
  return { rng: data.drift, data, nameOf };
}

/**
 * Appends `n` new activities created at `now` (page drift): notes, calls and emails on
 * `contactId` or on random contacts, whose `updated_date` moves to `now` as Leadlex does.
 */
export function addLeadlexDriftItems(data: LeadlexData, n: number, now: Date, contactId?: string): LeadlexActivity[] {
  if (data.contacts.length === 0) return [];
  const ctx = driftCtx(data);
  const out: LeadlexActivity[] = [];
  for (let k = 0; k < n; k++) {
    const cid = contactId ?? data.drift.pick(data.contacts).id;
    const a = crmActivity(ctx, cid, data.drift.pick(["note", "call", "email"] as const), now.getTime(), data.drift);
    out.push(a);
    placeLastActivity(data, cid);
    const ci = data.contactIndex.get(cid);
    if (ci !== undefined) touchContact(data.contacts[ci]!, now.getTime());
  }
  data.version++;
  return out;
}

/** Appends `n` new contacts created at `now` (page drift on the contact listing). */
export function addLeadlexDriftContacts(data: LeadlexData, n: number, now: Date): LeadlexContact[] {
  const out: LeadlexContact[] = [];
  for (let k = 0; k < n; k++) {
    const serial = ++data.driftSerial;
    const first = data.drift.pick(["Alex", "Sam", "Robin", "Charlie", "Jamie"]);
    const last = data.drift.pick(["Newman", "Fresh", "Latecomer", "Novo"]);
    const c: LeadlexContact = {
      id: data.drift.uuid(),
      full_name: `${first} ${last}`,
      email: `${first}.${last}.${serial}@drift.example`.toLowerCase(),
      phone: null,
      job_title: null,
      company_name: "Drift Co",
      created_at: isoOf(now.getTime()),
      updated_date: isoOf(now.getTime()),
    };
    data.contactIndex.set(c.id, data.contacts.length);
    data.contacts.push(c);
    out.push(c);
  }
  data.version++;
  return out;
}

/** Inserts `n` new open tasks created at `now` (page drift on the task listing). */
export function addLeadlexDriftTasks(data: LeadlexData, n: number, now: Date): LeadlexTask[] {
  const ctx = driftCtx(data);
  const out: LeadlexTask[] = [];
  const ms = now.getTime();
  for (let k = 0; k < n; k++) {
    const contactId = data.contacts.length ? data.drift.pick(data.contacts).id : null;
    const task = buildTask(ctx, contactId, ms + data.drift.int(1, 10) * DAY, ms, ms, data.drift);
    // Drift tasks are brand new: open, whatever buildTask drew.
    task.status = "open";
    delete task.completed_date;
    let pos = 0;
    while (pos < data.taskMs.length && data.taskMs[pos]! > ms) pos++;
    data.tasks.splice(pos, 0, task);
    data.taskMs.splice(pos, 0, ms);
    out.push(task);
  }
  data.version++;
  return out;
}

/** A new email on an existing contact at `now`, with its flags (tests: "something new" between two syncs). */
export function addLeadlexEmail(
  data: LeadlexData,
  contactId: string,
  now: Date,
  flags: { opened: boolean; replied: boolean },
): LeadlexActivity {
  const ctx = driftCtx(data);
  const a = crmActivity(ctx, contactId, "email", now.getTime(), data.drift);
  a.metadata = { ...a.metadata, direction: "outbound", ...flags };
  placeLastActivity(data, contactId);
  const ci = data.contactIndex.get(contactId);
  if (ci !== undefined) touchContact(data.contacts[ci]!, now.getTime());
  data.version++;
  return a;
}
