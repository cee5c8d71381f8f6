import type { Rng } from "@/lib/sandbox/shared/prng";
import { shareOf, type World } from "@/lib/sandbox/shared/world";
import type { CloseActivity, CloseContact, CloseLead, CloseTask, CloseUser } from "../records";
import { createAccounts, type CloseCustomActivityType } from "./accounts";
import { createGen } from "./context";
import { call, custom, meeting, note, sms, whatsapp } from "./conversations";
import { emailConversation } from "./emails";
import { addOldHistory, addUnsentEmails } from "./history";
import { DAY, sortByCreated } from "./ids";
import { chainStatuses, created, leadStatusChange, opportunityStatusChange } from "./pipeline";
import { generateTasks } from "./tasks";

export { addCloseDriftItems } from "./drift";
export { stripEmail } from "./emails";
export { indexOfRow, insertionIndex } from "./ids";
export type { CloseCustomActivityType } from "./accounts";

/**
 * Deterministic Close account for a world: one lead per company (Close leads are
 * companies), a contact per person of the company, and the activities and tasks of
 * a CRM used by four reps. Activities are spread over [now − days, now]; some were
 * synced into Close later than they happened (`date_created` after `activity_at`),
 * meetings are created before they start (some upcoming, some canceled), and a few notes
 * carry hostile HTML. Beyond the period: history older than a year on a fifth of the
 * leads, and emails not sent yet (scheduled, draft, outbox) — see history.ts.
 */
export interface CloseData {
  organization: { id: string; name: string };
  users: CloseUser[];
  leads: CloseLead[];
  contacts: CloseContact[];
  /** Ascending by `date_created`, then id (Close date strings sort chronologically). */
  activities: CloseActivity[];
  /** `EmailThread` objects, served only with `thread_emails`; ascending like `activities`. */
  threads: CloseActivity[];
  /** Ascending by `date_created`, then id. */
  tasks: CloseTask[];
  sequences: { id: string; name: string }[];
  customActivityTypes: CloseCustomActivityType[];
  /** Source of page-drift items, so that drift is deterministic too. */
  driftRng: Rng;
}

export function generateCloseData(world: World): CloseData {
  const rng = world.rng.fork("close");
  const now = world.options.now.getTime();
  const start = now - world.options.days * DAY;
  const accounts = createAccounts(rng, world, now, start);
  const g = createGen(rng, accounts, now, start);

  // Every lead starts with its Created activity.
  for (const lc of accounts.leadCtxs) created(g, lc);

  // Tasks first: completed ones leave a TaskCompleted activity.
  const tasks = generateTasks(g, world);

  const target = shareOf(world, "close", "activities");
  // Bounded: every episode adds at least one activity except an email episode that starts past now.
  for (let guard = 0; g.acts.length < target && guard < target * 4 && accounts.contactCtxs.length > 0; guard++) {
    const cc = accounts.pickContact();
    const r = rng.next();
    // About half of the rows are emails (sequences send 3–5), the rest calls, notes, etc.
    if (r < 0.18) emailConversation(g, cc, rng.pick(accounts.seqDefs), 0.06);
    else if (r < 0.26) emailConversation(g, cc, null, 0.1);
    else if (r < 0.5) call(g, cc);
    else if (r < 0.56) sms(g, cc);
    else if (r < 0.61) meeting(g, cc);
    else if (r < 0.76) note(g, cc);
    else if (r < 0.83) whatsapp(g, cc);
    else if (r < 0.9) leadStatusChange(g, cc.lead);
    else if (r < 0.95) opportunityStatusChange(g, cc.lead);
    else custom(g, cc);
  }
  chainStatuses(g);

  const old = addOldHistory(rng.fork("history"), accounts, g);
  const unsent = addUnsentEmails(rng.fork("unsent"), accounts, g);

  return {
    organization: accounts.organization,
    users: accounts.users,
    leads: sortByCreated(accounts.leadCtxs.map((l) => l.lead)),
    contacts: sortByCreated(accounts.contactCtxs.map((c) => c.contact)),
    activities: sortByCreated([...g.acts, ...old.acts, ...unsent.acts]),
    threads: sortByCreated([...g.threads, ...old.threads, ...unsent.threads]),
    tasks,
    sequences: accounts.seqDefs.map((s) => ({ id: s.id, name: s.name })),
    customActivityTypes: accounts.customActivityTypes,
    driftRng: rng.fork("drift"),
  };
}
