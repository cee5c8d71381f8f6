import "server-only";
import { SEED_001_LEAD } from "@/lib/sandbox/smartlead/seed-example";
import { mapLeadRows } from "./rows";

// What the map-*.test.ts files feed the mapper: seed 001's lead, one email row to vary, and
// a runner that collects the mapper's warnings beside its output.

/** The lead of seed 001's example response, verbatim: the simulator's copy adds a null lead_category the seed lacks. */
const { lead_category: _seedCategory, ...seedLead } = SEED_001_LEAD;
export const SEED_LEAD = seedLead;

/** Email `n` of a lead (stats_id 1000 + n, sent on the nth of October), with `over` on top. */
export const email = (over: Record<string, unknown>, n = 1) => ({
  stats_id: 1000 + n,
  message_id: `<m${n}@x>`,
  subject: `Step ${n}`,
  email_body: `<p>Hi Ada,</p><p>Body ${n}</p>`,
  sent_time: `2026-10-0${n}T09:00:00.000Z`,
  from_email: "sam@sender.example",
  to_email: "Ada@Example.com",
  email_seq_number: n,
  open_count: 0,
  click_count: 0,
  click_details: {},
  reply_details: null,
  thread_replies: [],
  ...over,
});

/** Maps one lead row and returns what the mapper said about the rows it skipped. */
export function run(lead: Record<string, unknown>) {
  const warnings: unknown[] = [];
  const out = mapLeadRows([lead], (m, f) => warnings.push({ m, f }));
  return { ...out, warnings };
}
