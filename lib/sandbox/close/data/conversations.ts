import { closeDate } from "../records";
import { CALL_NOTES, MEETING_TITLES, NOTES, SMS_TEXTS, WHATSAPP_TEXTS } from "../texts";
import { userName, type ContactCtx } from "./accounts";
import type { Gen } from "./context";
import { DAY, EMPTY, HOUR, MIN, rid } from "./ids";

/** One-off items with a contact: calls, SMS, meetings (with their status), notes, WhatsApp messages, custom activities. */

export function call(g: Gen, cc: ContactCtx): void {
  const { rng, users } = g;
  const lc = cc.lead;
  const user = rng.chance(0.8) ? lc.owner : rng.pick(users);
  const at = g.episodeStart(lc);
  const inbound = rng.chance(0.2);
  const disposition = inbound
    ? rng.pick(["answered", "answered", "vm-left"] as const)
    : rng.pick(["answered", "answered", "no-answer", "vm-left", "busy"] as const);
  const duration = disposition === "answered" ? rng.int(40, 1800) : disposition === "vm-left" ? rng.int(15, 60) : 0;
  // Calls logged by an external dialer reach Close hours or days later.
  const a = g.base("Call", lc, cc, user, g.syncedAt(at, 0.15), at);
  Object.assign(a, {
    direction: inbound ? "inbound" : "outbound",
    status: "completed",
    disposition,
    duration,
    note: disposition === "answered" ? rng.pick(CALL_NOTES) : "",
    phone: g.phoneOf(cc),
    local_phone: g.localPhone(user),
    remote_phone: g.phoneOf(cc),
    source: rng.chance(0.15) ? "External" : "Close.io",
    recording_url:
      disposition === "answered" && rng.chance(0.5)
        ? `https://api.close.com/api/v1/activity/call/${a.id}/recording/`
        : null,
    voicemail_url: disposition === "vm-left" ? `https://api.close.com/api/v1/activity/call/${a.id}/voicemail/` : null,
    voicemail_duration: disposition === "vm-left" ? duration : 0,
  });
  g.acts.push(a);
}

/**
 * A text message between the lead's owner and the contact (SMS, WhatsApp): incoming with
 * chance `pInbound`, created in Close `lateShare` of them synced late.
 */
function ownerMessage(g: Gen, cc: ContactCtx, type: string, pInbound: number, lateShare: number) {
  const lc = cc.lead;
  const inbound = g.rng.chance(pInbound);
  const at = g.episodeStart(lc);
  const a = g.base(type, lc, cc, lc.owner, g.syncedAt(at, lateShare), at);
  return { a, inbound, at, lc };
}

export function sms(g: Gen, cc: ContactCtx): void {
  const { rng } = g;
  const { a, inbound, at, lc } = ownerMessage(g, cc, "SMS", 0.35, 0.02);
  Object.assign(a, {
    direction: inbound ? "inbound" : "outbound",
    status: inbound ? "inbox" : "sent",
    text: rng.pick(SMS_TEXTS),
    local_phone: g.localPhone(lc.owner),
    remote_phone: g.phoneOf(cc),
    attachments: EMPTY,
    template_id: null,
    date_sent: inbound ? null : closeDate(at),
  });
  g.acts.push(a);
}

export function meeting(g: Gen, cc: ContactCtx): void {
  const { rng, now, start } = g;
  const lc = cc.lead;
  // Most meetings are past; some are upcoming (scheduled now, starting within two weeks).
  const upcoming = rng.chance(0.12);
  const startsAt = upcoming ? now + rng.int(1, 14 * 24) * HOUR : g.episodeStart(lc);
  const created = Math.min(
    now - rng.int(1, 3600) * 1000,
    Math.max(start, lc.createdMs, startsAt - rng.int(1, 10) * DAY),
  );
  const minutes = rng.pick([30, 45, 60]);
  const a = g.base("Meeting", lc, cc, lc.owner, created, startsAt);
  const canceled = !upcoming && rng.chance(0.08);
  Object.assign(a, {
    title: rng.pick(MEETING_TITLES).replace("{company}", lc.lead.name),
    starts_at: closeDate(startsAt),
    ends_at: closeDate(startsAt + minutes * MIN),
    duration: minutes * 60,
    location: rng.chance(0.7) ? "Google Meet" : `${lc.lead.name} office`,
    note: "",
    status: upcoming ? "upcoming" : canceled ? "canceled" : "completed",
    source: "calendar",
    attendees: [
      {
        email: lc.owner.email,
        name: userName(lc.owner),
        contact_id: null,
        user_id: lc.owner.id,
        status: "yes",
        is_organizer: true,
      },
      {
        email: cc.person.email,
        name: cc.contact.name,
        contact_id: cc.contact.id,
        user_id: null,
        status: rng.pick(["yes", "yes", "maybe", "noreply"]),
        is_organizer: false,
      },
    ],
  });
  g.acts.push(a);
}

export function note(g: Gen, cc: ContactCtx): void {
  const { rng, users } = g;
  const lc = cc.lead;
  const at = g.episodeStart(lc);
  const n = rng.pick(NOTES);
  // Imported or back-dated notes: created in Close later than the moment they describe.
  const a = g.base("Note", lc, rng.chance(0.85) ? cc : null, rng.pick(users), g.syncedAt(at, 0.1), at);
  Object.assign(a, {
    title: null,
    note: n.text.replace("{name}", cc.contact.name),
    note_html: n.html.replace("{name}", cc.contact.name),
    pinned: false,
    attachments: EMPTY,
  });
  g.acts.push(a);
}

export function whatsapp(g: Gen, cc: ContactCtx): void {
  const { rng } = g;
  const { a, inbound, lc } = ownerMessage(g, cc, "WhatsAppMessage", 0.4, 0.05);
  Object.assign(a, {
    direction: inbound ? "incoming" : "outgoing",
    message_markdown: rng.pick(WHATSAPP_TEXTS),
    whatsapp_message_id: rid(rng, "wamid.", 30),
    external_whatsapp_message_id: rid(rng, "wamid.", 30),
    integration_link: "https://app.timelines.ai/chat/",
    local_phone: g.localPhone(lc.owner),
    remote_phone: g.phoneOf(cc),
    response_to_id: null,
    attachments: EMPTY,
  });
  g.acts.push(a);
}

export function custom(g: Gen, cc: ContactCtx): void {
  const { rng, users } = g;
  const lc = cc.lead;
  const at = g.episodeStart(lc);
  const type = rng.pick(g.customActivityTypes);
  const a = g.base("Custom", lc, cc, rng.pick(users), g.syncedAt(at, 0.2), at);
  Object.assign(a, {
    custom_activity_type_id: type.id,
    status: "published",
    pinned: false,
    "custom.cf_outcome": rng.pick(["Positive", "Neutral", "Negative"]),
    "custom.cf_summary": `${type.name} with ${cc.contact.name}`,
  });
  g.acts.push(a);
}
