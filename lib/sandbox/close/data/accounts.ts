import type { Rng } from "@/lib/sandbox/shared/prng";
import { peopleOf, type Person, type World } from "@/lib/sandbox/shared/world";
import { closeDate, type CloseActivity, type CloseContact, type CloseLead, type CloseUser } from "../records";
import { CUSTOM_TYPES, LEAD_STATUSES, OPP_STATUSES, SEQUENCES, USERS } from "../texts";
import { DAY, MIN, rid } from "./ids";

/**
 * The account a Close world lives in: the organisation, four reps, lead and opportunity
 * statuses, sequences, custom activity types, and one lead per company holding a contact
 * per person of it (Close leads are companies). Also the weights that make some contacts
 * far busier than others.
 */

export interface ContactCtx {
  contact: CloseContact;
  person: Person;
  lead: LeadCtx;
  /** Shared, frozen pieces of the email envelopes (one per contact, not per email). */
  addr: readonly { email: string; name: string }[];
  to: readonly string[];
}

export interface LeadCtx {
  lead: CloseLead;
  createdMs: number;
  owner: CloseUser;
  contacts: ContactCtx[];
  statusChanges: { a: CloseActivity; at: number }[];
  oppChanges: { a: CloseActivity; at: number }[];
  opportunityId: string;
  opportunityValue: number;
}

export type SequenceDef = (typeof SEQUENCES)[number] & { id: string; templateIds: string[] };

/** A custom activity type as `GET /custom_activity/` lists it; rows hold values under `custom.<field id>`. */
export interface CloseCustomActivityType {
  id: string;
  name: string;
  description: string;
  organization_id: string;
  fields: { id: string; name: string; type: "text" | "choices"; choices?: string[] }[];
  date_created: string;
  date_updated: string;
}

export interface Accounts {
  organization: { id: string; name: string };
  users: CloseUser[];
  statusIds: string[];
  oppStatusIds: string[];
  seqDefs: SequenceDef[];
  customActivityTypes: CloseCustomActivityType[];
  emailAccounts: string[];
  leadCtxs: LeadCtx[];
  contactCtxs: ContactCtx[];
  /** A contact, busier ones more often (the generator's own draws). */
  pickContact(): ContactCtx;
  /** The same, drawing from another generator (a fork). */
  pickContactFrom(rng: Rng): ContactCtx;
}

export const userName = (u: CloseUser) => `${u.first_name} ${u.last_name}`;

export function createAccounts(rng: Rng, world: World, now: number, start: number): Accounts {
  const span = now - start;
  const people = peopleOf(world, "close");
  const organization = { id: rid(rng, "orga_", 43), name: "Touchline Demo Sales" };
  const users: CloseUser[] = USERS.map(([first_name, last_name]) => ({
    id: rid(rng, "user_", 43),
    first_name,
    last_name,
    email: `${first_name.toLowerCase()}.${last_name.toLowerCase()}@touchline-demo.example`,
  }));
  const statusIds = LEAD_STATUSES.map(() => rid(rng, "stat_", 43));
  const oppStatusIds = OPP_STATUSES.map(() => rid(rng, "stat_", 43));
  const seqDefs = SEQUENCES.map((s) => ({
    ...s,
    id: rid(rng, "seq_", 22),
    templateIds: Array.from({ length: s.steps }, () => rid(rng, "tmpl_", 22)),
  }));
  const typesCreated = closeDate(start - 400 * DAY);
  const customActivityTypes = CUSTOM_TYPES.map((name): CloseCustomActivityType => ({
    id: rid(rng, "actitype_", 22),
    name,
    description: `${name} logged by the team`,
    organization_id: organization.id,
    fields: [
      { id: "cf_outcome", name: "Outcome", type: "choices", choices: ["Positive", "Neutral", "Negative"] },
      { id: "cf_summary", name: "Summary", type: "text" },
    ],
    date_created: typesCreated,
    date_updated: typesCreated,
  }));
  const emailAccounts = users.map(() => rid(rng, "emailacct_", 43));

  // Leads and contacts, in the order people appear (deterministic).
  const leadsByCompany = new Map<string, LeadCtx>();
  const contactCtxs: ContactCtx[] = [];
  for (const person of people) {
    let lc = leadsByCompany.get(person.company);
    if (!lc) {
      // Leads are created early in the period, so their history fits after creation.
      const createdMs = Math.floor(start + rng.next() * 0.35 * span);
      const owner = rng.pick(users);
      const lead: CloseLead = {
        id: rid(rng, "lead_", 43),
        name: person.company,
        display_name: person.company,
        description: "",
        url: `https://www.${person.companyDomain}`,
        status_id: statusIds[0]!,
        status_label: LEAD_STATUSES[0]!,
        organization_id: organization.id,
        date_created: closeDate(createdMs),
        date_updated: closeDate(createdMs),
        created_by: owner.id,
        updated_by: owner.id,
      };
      lc = {
        lead,
        createdMs,
        owner,
        contacts: [],
        statusChanges: [],
        oppChanges: [],
        opportunityId: rid(rng, "oppo_", 43),
        opportunityValue: rng.int(20, 400) * 10_000,
      };
      leadsByCompany.set(person.company, lc);
    }
    const cMs = lc.createdMs + rng.int(0, 30) * MIN;
    const digits = person.phone.replace(/[^\d+]/g, "");
    const contact: CloseContact = {
      id: rid(rng, "cont_", 43),
      lead_id: lc.lead.id,
      organization_id: organization.id,
      name: `${person.firstName} ${person.lastName}`,
      display_name: `${person.firstName} ${person.lastName}`,
      title: person.jobTitle,
      // The world's email exactly as given (a few have capitals on purpose).
      emails: [{ email: person.email, type: "office" }],
      phones: [{ phone: digits, phone_formatted: person.phone, type: rng.chance(0.7) ? "mobile" : "office" }],
      urls: [{ url: person.linkedinUrl, type: "url" }],
      date_created: closeDate(cMs),
      date_updated: closeDate(cMs),
      created_by: lc.owner.id,
      updated_by: lc.owner.id,
    };
    const name = contact.name;
    const ctx: ContactCtx = {
      contact,
      person,
      lead: lc,
      addr: Object.freeze([Object.freeze({ email: person.email, name })]),
      to: Object.freeze([`"${name}" <${person.email}>`]),
    };
    lc.contacts.push(ctx);
    contactCtxs.push(ctx);
  }
  const leadCtxs = [...leadsByCompany.values()];

  // Some contacts are far busier than others.
  const cumulative: number[] = [];
  let total = 0;
  for (let i = 0; i < contactCtxs.length; i++) {
    total += 0.2 + rng.next() ** 2 * 4;
    cumulative.push(total);
  }
  const pickContactFrom = (r: Rng): ContactCtx => {
    const x = r.next() * total;
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid]! < x) lo = mid + 1;
      else hi = mid;
    }
    return contactCtxs[lo]!;
  };

  return {
    organization,
    users,
    statusIds,
    oppStatusIds,
    seqDefs,
    customActivityTypes,
    emailAccounts,
    leadCtxs,
    contactCtxs,
    pickContact: () => pickContactFrom(rng),
    pickContactFrom,
  };
}
