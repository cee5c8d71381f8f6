import { describe, expect, it } from "vitest";
import { activitySchema, ACTIVITY_KINDS } from "@/lib/model/activity";
import { SEED_000_ACTIVITIES } from "@/lib/sandbox/lemlist/seed-example";
import { lemlistKind, mapLemlistActivity, previewOf, variantOf } from "./map";
import { lemlistActivitySchema } from "./schemas";

// lemlist activities in Touchline's shape: the type table, seed 000's rows, content, leniency
// and variants. Tasks and campaigns are in map-tasks-campaigns.test.ts.

// The seed 000 example rows, as lemlist sends them (and the simulator serves them).
const seedRow = (id: string) => SEED_000_ACTIVITIES.find((a) => a._id === id)!;
const seedManualDone = seedRow("act_PbKqTGpQqSlPcoOZ5");
const seedCompanyNote = seedRow("act_j0NrG6rYEPP9TMmWC");
// Without its nested lead, so the person comes from the row's own lead fields alone.
const { lead: _samLead, ...seedOpen } = seedRow("act_x6esGLhoPa2SMHCZ7");

const parse = (row: unknown) => lemlistActivitySchema.parse(row);
const map = (row: object) => mapLemlistActivity(parse(row), {}, row);
const ofType = (type: string, extra: object = {}) => map({ ...seedOpen, type, ...extra });
/** A mapped activity is a valid unified activity once the engine adds its contact and connection. */
const valid = (a: ReturnType<typeof map>) => {
  const { person: _person, ...rest } = a;
  return activitySchema.parse({ ...rest, contactId: null, connectionId: "c1" });
};

describe("lemlist activity mapping (VENDORS.md type list → DESIGN.md kinds)", () => {
  const table: [string, string, string, string | null][] = [
    ["emailsSent", "email_sent", "email", "outbound"],
    ["emailsOpened", "email_opened", "email", "inbound"],
    ["emailsClicked", "email_clicked", "email", "inbound"],
    ["emailsReplied", "email_replied", "email", "inbound"],
    ["emailsBounced", "email_bounced", "email", "outbound"],
    ["emailsFailed", "email_failed", "email", "outbound"],
    ["emailsSendFailed", "email_failed", "email", "outbound"],
    ["emailsInterested", "interested", "email", null],
    ["emailsNotInterested", "not_interested", "email", null],
    ["emailsUnsubscribed", "unsubscribed", "email", "inbound"],
    ["linkedinSent", "linkedin_message_sent", "linkedin", "outbound"],
    ["linkedinOpened", "linkedin_message_sent", "linkedin", "inbound"],
    ["linkedinReplied", "linkedin_replied", "linkedin", "inbound"],
    ["linkedinInterested", "interested", "linkedin", null],
    ["linkedinNotInterested", "not_interested", "linkedin", null],
    ["linkedinVisitDone", "linkedin_visit", "linkedin", "outbound"],
    ["linkedinVisitFailed", "system", "linkedin", null],
    ["linkedinInviteDone", "linkedin_invite_sent", "linkedin", "outbound"],
    ["linkedinInviteAccepted", "linkedin_invite_accepted", "linkedin", "inbound"],
    ["linkedinInviteFailed", "system", "linkedin", null],
    ["linkedinFollowDone", "linkedin_visit", "linkedin", "outbound"],
    ["linkedinVoiceNoteDone", "linkedin_message_sent", "linkedin", "outbound"],
    ["aircallCreated", "call", "phone", "outbound"],
    ["aircallDone", "call", "phone", "outbound"],
    ["aircallEnded", "call", "phone", "outbound"],
    ["apiDone", "system", "system", null],
    ["apiFailed", "system", "system", null],
    ["manualDone", "task_completed", "system", null],
    ["manualInterested", "interested", "system", null],
    ["manualNotInterested", "not_interested", "system", null],
    ["annotated", "note", "note", null],
    ["opportunitiesDone", "system", "system", null],
    ["paused", "sequence_event", "system", null],
    ["resumed", "sequence_event", "system", null],
    ["skipped", "sequence_event", "system", null],
    ["sendLimitReached", "sequence_event", "system", null],
    ["connectionIssue", "sequence_event", "system", null],
    // Lead-state aggregates (VENDORS.md): system, so they never count as engagement.
    ["contacted", "system", "system", null],
    ["hooked", "system", "system", null],
    ["attracted", "system", "system", null],
    ["warmed", "system", "system", null],
    ["interested", "system", "system", null],
    ["notInterested", "system", "system", null],
  ];
  it.each(table)("%s → %s on %s (%s)", (type, kind, channel, direction) => {
    const a = ofType(type);
    expect(a.kind).toBe(kind);
    expect(a.channel).toBe(channel);
    expect(a.direction).toBe(direction);
    expect(a.vendorType).toBe(type);
    valid(a);
  });

  it("unknown types become `other` and keep their vendor type", () => {
    const a = ofType("whatsappMessageSent");
    expect(a.kind).toBe("other");
    expect(a.vendorType).toBe("whatsappMessageSent");
    expect(a.channel).toBe("whatsapp");
    expect(lemlistKind("somethingNew").kind).toBe("other");
    expect(ACTIVITY_KINDS).toContain(lemlistKind("emailsSent").kind);
  });

  it("seed 000 open row: ids, 1-based step, variant, person with ctc_ and lea_ identities, deep link", () => {
    const a = map(seedOpen);
    expect(a.id).toBe("lemlist:act_x6esGLhoPa2SMHCZ7");
    expect(a.occurredAt).toBe("2025-10-27T20:20:59.696Z");
    expect(a.campaignId).toBe("lemlist:cam_oxeGg6paG3ZVxjHkH");
    expect(a.campaignName).toBe("Unicorn campaign");
    expect(a.sequenceStep).toBe(2); // zero-based 1 → second step
    expect(a.variant).toBe("A");
    expect(a.bot).toBe(false);
    expect(a.actor).toEqual({ id: "usr_EvXz6JqPSJJL9lHkp", name: null });
    expect(a.person).toEqual({
      identities: [
        {
          vendorId: "ctc_FkeUdQHEfhqG2HMbK",
          kind: "contact",
          url: "https://app.lemlist.com/teams/tea_8QvkOiBfPdb2ZRhHi/contacts/ctc_FkeUdQHEfhqG2HMbK",
        },
        { vendorId: "lea_wj47uWhDbbN6Qq6oT", kind: "lead", url: null },
      ],
      email: "sam@example.com",
      name: "Sam Taylor",
      company: "lemlist",
    });
    expect(a.url).toBe("https://app.lemlist.com/teams/tea_8QvkOiBfPdb2ZRhHi/contacts/ctc_FkeUdQHEfhqG2HMbK");
    expect(a.raw).toBe(seedOpen);
    expect((a.raw as { stopped: boolean }).stopped).toBe(false);
  });

  it("seed 000 manualDone row: actor with the user's name, no step", () => {
    const a = map(seedManualDone);
    expect(a.kind).toBe("task_completed");
    expect(a.actor).toEqual({ id: "usr_Emu1g29BMtBixhMSP", name: "Guillaume Moubeche" });
    expect(a.sequenceStep).toBeNull();
    expect(a.variant).toBe("B");
    valid(a);
  });

  it("seed 000 annotated row on a company: a note attached to no person", () => {
    const a = map(seedCompanyNote);
    expect(a.kind).toBe("note");
    expect(a.person).toBeNull();
    expect(a.campaignId).toBeNull();
    expect(a.body).toBe("could help our GTM team be more productive");
    expect(a.preview).toBe("could help our GTM team be more productive");
    expect(a.url).toBe("https://app.lemlist.com/teams/tea_8QvkOiBfPdb2ZRhHi/companies/cpn_Qf4CJuUrNUNmHm6uZ");
    valid(a);
  });

  it("email content: subject, body, preview without the quoted thread, ≤ 200 characters", () => {
    const reply = ofType("emailsReplied", {
      emailSubject: "Re: Quick question",
      text: "Sounds good, Tuesday works.\n\nOn Tue, 04 Aug 2026 02:39:26 GMT, Camille <c@x.example> wrote:\n> Hi Sam,\n> Worth a chat?",
    });
    expect(reply.subject).toBe("Re: Quick question");
    expect(reply.body).toContain("> Hi Sam");
    expect(reply.preview).toBe("Sounds good, Tuesday works.");
    expect(previewOf("x".repeat(500))!.length).toBeLessThanOrEqual(200);
    const html = ofType("emailsSent", { html: "<p>Hello&nbsp;<b>Sam</b></p><p>Bye</p>" });
    expect(html.body).toBe("Hello Sam\nBye");
    const preview = ofType("emailsSent", { emailPreview: "Short preview", text: "Full body" });
    expect(preview.preview).toBe("Short preview");
    expect(preview.body).toBe("Full body");
  });

  it("bot events keep bot: true; call duration in seconds", () => {
    expect(ofType("emailsOpened", { bot: true }).bot).toBe(true);
    expect(ofType("emailsClicked", { bot: "true" }).bot).toBe(true);
    expect(ofType("aircallEnded", { duration: "95" }).durationSeconds).toBe(95);
    expect(ofType("emailsSent", { duration: 5 }).durationSeconds).toBeUndefined();
  });

  it("lenient: numeric strings coerced, odd field types dropped, unknown fields kept; no id/type/date → fails", () => {
    const a = ofType("emailsSent", { sequenceStep: "0", leadFirstName: 42, sequenceTested: 1, somethingNew: { a: 1 } });
    expect(a.sequenceStep).toBe(1);
    expect(a.variant).toBe("B");
    expect((a.raw as { somethingNew: unknown }).somethingNew).toEqual({ a: 1 });
    expect(ofType("emailsSent", { leadEmail: { not: "a string" } }).person!.email).toBeNull();
    expect(lemlistActivitySchema.safeParse({ ...seedOpen, createdAt: "yesterday" }).success).toBe(false);
    expect(lemlistActivitySchema.safeParse({ ...seedOpen, _id: undefined }).success).toBe(false);
    expect(lemlistActivitySchema.safeParse({ ...seedOpen, type: 3 }).success).toBe(false);
  });

  it("variant mapping is lenient", () => {
    expect(variantOf("b")).toBe("B");
    expect(variantOf(0)).toBe("A");
    expect(variantOf(true)).toBeNull();
    expect(variantOf("")).toBeNull();
    expect(variantOf(null)).toBeNull();
  });
});
