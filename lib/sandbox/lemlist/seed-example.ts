import { lowerBound, type LemlistData } from "./data";
import type { LemlistActivity, LemlistCampaign, LemlistLead, LemlistLeadEntry } from "./records";

/**
 * Seed 000's example response of `GET /activities`, row for row as the seed prints it
 * (October 2025, team tea_8QvkOiBfPdb2ZRhHi). Served beside the generated account when the
 * simulator is asked to (`seedExamples`), so a test can check that the vendor's own rows
 * reach the right contacts with the right kinds, steps and times — whatever the horizon.
 */
const TEAM = "tea_8QvkOiBfPdb2ZRhHi";

const JOHN: LemlistLead = {
  _id: "lea_fiDpiGV585wy3Oii2",
  isPaused: false,
  state: "manualNotInterested",
  personalized: false,
  source: "api",
  variables: {
    firstName: "John",
    lastName: "Doe",
    companyName: "Acme Inc",
    jobTitle: "Growth Engineer",
    companyDomain: "example.com",
    email: "support@lemlist.com",
    preferredContactMethod: "email",
    industry: "Technology",
    "Company name": "John Doe",
  } as unknown as LemlistLead["variables"],
  contactId: "ctc_xW8Ou6C03Csv8vatp",
  enrichment: { emailStatus: "deliverable" },
};

const SAM: LemlistLead = {
  _id: "lea_wj47uWhDbbN6Qq6oT",
  isPaused: false,
  state: "emailsUnsubscribed",
  personalized: false,
  source: "manually",
  variables: {
    firstName: "Sam ",
    lastName: "Taylor",
    email: "sam@example.com",
    companyName: "lemlist",
    linkedinUrl: "https://www.linkedin.com/in/sam-doe",
  } as unknown as LemlistLead["variables"],
  contactId: "ctc_FkeUdQHEfhqG2HMbK",
  enrichment: {},
};

const johnRow = (id: string, type: string, createdAt: string, extra: Partial<LemlistActivity>): LemlistActivity => ({
  _id: id,
  type,
  ...extra,
  createdAt,
  leadFirstName: "John",
  leadLastName: "Doe",
  leadEmail: "support@lemlist.com",
  leadCompanyName: "Acme Inc",
  leadId: JOHN._id,
  contactId: JOHN.contactId,
  campaignId: "cam_bSn8EORHQxbWPjHvu",
  teamId: TEAM,
  metaData: { teamId: TEAM, campaignId: "cam_bSn8EORHQxbWPjHvu", leadId: JOHN._id, type },
  lead: JOHN,
  campaignName: "NEW TO DELETE",
  sequenceTested: "B",
});

const samOpen = (id: string, createdAt: string): LemlistActivity => ({
  _id: id,
  type: "emailsOpened",
  isFirst: false,
  stopped: false,
  createdAt,
  bot: false,
  teamId: TEAM,
  leadId: SAM._id,
  campaignId: "cam_oxeGg6paG3ZVxjHkH",
  sequenceId: "seq_ODjsLXkxXiySRw6dK",
  sequenceStep: 1,
  emailTemplateId: "etp_z3nAbjdHuewVEjIl5",
  createdBy: "usr_EvXz6JqPSJJL9lHkp",
  sendUserId: "usr_EvXz6JqPSJJL9lHkp",
  name: "Unicorn campaign",
  leadFirstName: "Sam",
  leadLastName: "Taylor",
  leadEmail: "sam@example.com",
  leadCompanyName: "lemlist",
  contactId: SAM.contactId,
  relatedSentAt: "2020-12-07T11:49:14.830Z",
  metaData: {
    teamId: TEAM,
    campaignId: "cam_oxeGg6paG3ZVxjHkH",
    leadId: SAM._id,
    type: "emailsOpened",
    createdBy: "usr_EvXz6JqPSJJL9lHkp",
    taskId: "tsk_namMcIQnA6gxQIupP",
  },
  lead: SAM,
  campaignName: "Unicorn campaign",
  sequenceTested: "A",
  emailTemplateName: "Blank",
});

export const SEED_000_ACTIVITIES: LemlistActivity[] = [
  johnRow("act_PbKqTGpQqSlPcoOZ5", "manualDone", "2025-10-28T08:07:38.375Z", {
    userId: "usr_Emu1g29BMtBixhMSP",
    userName: "Guillaume Moubeche",
    bot: false,
  }),
  {
    _id: "act_j0NrG6rYEPP9TMmWC",
    teamId: TEAM,
    companyId: "cpn_Qf4CJuUrNUNmHm6uZ",
    type: "annotated",
    createdAt: "2025-10-28T04:25:00.653Z",
    note: "could help our GTM team be more productive",
    sendUserId: "usr_ahfFktBBHUIxbVG5P",
    userId: "usr_ahfFktBBHUIxbVG5P",
  },
  johnRow("act_WeKrlIaQlBnM3LZ6G", "manualNotInterested", "2025-10-28T02:14:34.834Z", {
    userName: "api",
    isFirst: false,
    bot: false,
    name: "NEW TO DELETE",
  }),
  johnRow("act_zktTG4HXXXSOQya5U", "paused", "2025-10-28T01:54:56.099Z", {
    userName: "api",
    bot: false,
    name: "NEW TO DELETE",
  }),
  samOpen("act_x6esGLhoPa2SMHCZ7", "2025-10-27T20:20:59.696Z"),
  samOpen("act_q4tnlXNdXsBeQceYW", "2025-10-27T20:17:24.119Z"),
];

/**
 * The seed names the two campaigns and nothing else about them: their creation times (before
 * their rows) and the rest are ours.
 */
const campaign = (id: string, name: string, createdAt: string, data: LemlistData): LemlistCampaign => ({
  _id: id,
  name,
  labels: [],
  createdAt,
  createdBy: data.users[0]?._id ?? "usr_EvXz6JqPSJJL9lHkp",
  status: "running",
  sequenceId: id === "cam_oxeGg6paG3ZVxjHkH" ? "seq_ODjsLXkxXiySRw6dK" : "seq_seed000john",
  teamId: data.team._id,
});

/** Adds seed 000's rows, their two campaigns and their two leads to a generated account. */
export function addSeedExamples(data: LemlistData): void {
  const camps = [
    campaign("cam_bSn8EORHQxbWPjHvu", "NEW TO DELETE", "2025-10-20T09:00:00.000Z", data),
    campaign("cam_oxeGg6paG3ZVxjHkH", "Unicorn campaign", "2020-12-01T09:00:00.000Z", data),
  ];
  for (const c of camps) {
    if (data.campaignById.has(c._id)) continue;
    data.campaigns.push(c);
    data.campaignById.set(c._id, c);
  }
  for (const [lead, c] of [
    [JOHN, camps[0]!],
    [SAM, camps[1]!],
  ] as const) {
    if (data.leadById.has(lead._id)) continue;
    const entry: LemlistLeadEntry = { lead, campaignId: c._id, campaignName: c.name, createdAt: c.createdAt };
    data.leads.push(entry);
    data.leadById.set(lead._id, entry);
    const key = lead.variables.email.trim().toLowerCase();
    data.leadsByEmail.set(key, [...(data.leadsByEmail.get(key) ?? []), entry]);
  }
  for (const a of SEED_000_ACTIVITIES) {
    if (data.activities.some((x) => x._id === a._id)) continue;
    insertSorted(data.activities, a);
    if (a.leadId) insertSorted(getOr(data.byLead, a.leadId), a);
    if (a.campaignId) insertSorted(getOr(data.byCampaign, a.campaignId), a);
  }
}

function getOr(map: Map<string, LemlistActivity[]>, key: string): LemlistActivity[] {
  let list = map.get(key);
  if (!list) map.set(key, (list = []));
  return list;
}

function insertSorted(list: LemlistActivity[], a: LemlistActivity): void {
  list.splice(lowerBound(list, Date.parse(a.createdAt)), 0, a);
}
