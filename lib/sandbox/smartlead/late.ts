import type { SmartleadData } from "./records";

/** A further reply now in a thread: the simulator's index matches the lead by its time. */
export interface ThreadReplyRef {
  lead: number;
  activity: number;
  at: number;
}

/**
 * Applies the late engagement whose time has come (`at` ≤ now): an open or a click adds
 * one to the email's counts (kept as a string where Smartlead sent a string), a further
 * reply joins `thread_replies`. Returns the replies added, for the index.
 */
export function applyLateEvents(data: SmartleadData, now: number): ThreadReplyRef[] {
  const added: ThreadReplyRef[] = [];
  const late = data.late;
  while (data.next.lateCursor < late.length) {
    const e = late[data.next.lateCursor]!;
    const at = Date.parse(e.at);
    if (at > now) break;
    data.next.lateCursor++;
    const a = data.leads[e.lead]?.activities[e.activity];
    if (!a) continue;
    if (e.kind === "open") a.open_count = bump(a.open_count);
    else if (e.kind === "click") {
      a.click_count = bump(a.click_count);
      if (e.url) a.click_details[e.url] = (a.click_details[e.url] ?? 0) + 1;
    } else if (e.reply) {
      a.thread_replies.push(e.reply);
      added.push({ lead: e.lead, activity: e.activity, at });
    }
  }
  return added;
}

const bump = (n: number | string) => (typeof n === "string" ? String(Number(n) + 1) : n + 1);
