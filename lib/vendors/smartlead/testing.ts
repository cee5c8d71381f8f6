import "server-only";
import { createWorld } from "@/lib/sandbox/shared/world";
import type { SmartleadData } from "@/lib/sandbox/smartlead/records";
import type { SmartleadConnectorOptions } from "./index";

/** "Now" in the world the connector tests read: noon on 24 November 2026. */
export const TEST_WORLD_NOW = Date.parse("2026-11-24T12:00:00Z");

/** The world the connector tests read: 60 people, 3 000 activities. */
export const testWorld = () => createWorld({ people: 60, activities: 3000, now: new Date(TEST_WORLD_NOW) });

/** Fast pacing and backoff for the tests; the documented pace has its own test. */
export const FAST: SmartleadConnectorOptions = {
  http: { pace: { limit: 1000, windowMs: 1000 }, maxBackoffMs: 20, timeoutMs: 2_000 },
};

/**
 * The activity ids (with their times) a Smartlead account's data should give, written from
 * the rules in lib/vendors/smartlead/map.ts's header, independently of the connector: per
 * email sent / open (open_count > 0, at the send) / click / reply / each further reply; per
 * lead, on its last email, bounce, unsubscribe and category. Only what lies at or after `from`.
 * For tests (the connector's and the sync's against the simulator), not for the app.
 */
export function smartleadExpectedEvents(data: SmartleadData, from = -Infinity): Map<string, string> {
  const out = new Map<string, string>();
  const put = (id: string, at: string) => {
    if (Date.parse(at) >= from) out.set(id, at);
  };
  for (const lead of data.leads)
    for (const a of lead.activities) {
      const id = `smartlead:${a.stats_id}`;
      put(`${id}:sent`, a.sent_time);
      if (Number(a.open_count) > 0) put(`${id}:open`, a.sent_time);
      if (Number(a.click_count) > 0) put(`${id}:click`, a.sent_time);
      if (a.reply_details) put(`${id}:reply`, a.reply_details.time);
      for (const r of a.thread_replies) put(`${id}:reply:${r.message_id}`, r.time);
      if (Number(a.email_seq_number) !== lead.current_seq_num) continue;
      const at = a.reply_details?.time ?? a.sent_time;
      if (lead.status === "BOUNCED") put(`${id}:bounce`, a.sent_time);
      if (lead.status === "UNSUBSCRIBED") put(`${id}:unsubscribe`, at);
      if (lead.lead_category) put(`${id}:category`, at);
    }
  return out;
}
