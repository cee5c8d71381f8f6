import "server-only";
import { afterAll, beforeAll } from "vitest";
import type { ActivityKind } from "@/lib/model/activity";
import { engagementQuerySchema, ZERO_COUNTS, type EngagementQuery } from "@/lib/model/engagement";
import * as t from "@/lib/server/store/schema";
import { writeBatch } from "@/lib/server/sync/write";
import type { MappedActivity } from "@/lib/vendors/types";
import { freshStoreWith } from "@/tests/helpers/stores";
import type { StoreKind } from "../store/db";

// The fixture the engagement-*.test.ts files query: a small deterministic campaign world,
// an independent counter over its raw rows, and a store of each kind seeded with it.

type Store = Awaited<ReturnType<typeof freshStoreWith>>;

export interface Raw {
  id: string;
  kind: ActivityKind;
  at: string;
  person: string | null;
  campaign: string;
  step: number | null;
  variant: string | null;
  bot: boolean;
}

function rng(seed: number) {
  let s = seed >>> 0;
  return () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32;
}

/** People get up to three steps; each step may bounce, be opened (by a machine, a person, or both), clicked, replied, and end interested. */
export function generate(campaign: string, seed: number, people: number, start: number, ab: boolean): Raw[] {
  const r = rng(seed);
  const rows: Raw[] = [];
  let n = 0;
  const add = (
    kind: ActivityKind,
    at: number,
    person: string | null,
    step: number | null,
    variant: string | null,
    bot = false,
  ) =>
    rows.push({ id: `${campaign}-${n++}`, kind, at: new Date(at).toISOString(), person, campaign, step, variant, bot });
  const variantOf = new Map<string, string | null>(); // a vendor keeps a person on one variant
  for (let p = 0; p < people; p++) {
    const person = `${campaign}-p${p % Math.ceil(people * 0.9)}`; // a few people twice: repeated (person, step) pairs
    const variant = variantOf.get(person) ?? variantOf.set(person, ab ? (r() < 0.5 ? "A" : "B") : null).get(person)!;
    let at = start + Math.floor(r() * 20 * 86400e3);
    for (let step = 1; step <= 3; step++) {
      at += Math.floor((2 + r() * 3) * 86400e3);
      add("email_sent", at, person, step, variant);
      if (r() < 0.06) {
        add("email_bounced", at + 60_000 * (1 + Math.floor(r() * 40)), person, step, variant);
        break;
      }
      if (r() < 0.3) add("email_opened", at + 30_000, person, step, variant, true);
      if (r() < 0.5) {
        const o = at + Math.floor(r() * 3 * 86400e3);
        add("email_opened", o, person, step, variant);
        if (r() < 0.4) add("email_opened", o + 3600e3, person, step, variant);
        if (r() < 0.25) add("email_clicked", o + 120_000, person, step, variant);
      }
      if (r() < 0.1) add("email_clicked", at + 40_000, person, step, variant, true);
      if (r() < (variant === "B" ? 0.14 : 0.08)) {
        add("email_replied", at + Math.floor(r() * 4 * 86400e3), person, step, variant);
        if (r() < 0.4) add("interested", at + 5 * 86400e3, person, step, variant);
        break;
      }
      if (r() < 0.02) add("unsubscribed", at + 7200e3, person, step, variant);
    }
    if (r() < 0.3) add("system", at, person, null, null); // lemlist's lead-state aggregates never count
    if (r() < 0.1) add("linkedin_visit", at, person, 2, variant);
  }
  add("email_sent", start + 86400e3, null, 1, ab ? "A" : null); // an email to nobody we know
  return rows;
}

const toMapped = (a: Raw): MappedActivity => ({
  id: `lemlist:${a.id}`,
  vendor: "lemlist",
  vendorType: a.kind,
  kind: a.kind,
  channel: a.kind.startsWith("linkedin") ? "linkedin" : a.kind === "system" ? "system" : "email",
  direction: null,
  occurredAt: a.at,
  campaignId: a.campaign,
  sequenceStep: a.step,
  variant: a.variant,
  actor: null,
  subject: a.kind === "email_replied" ? "Re: hello" : null,
  preview: a.kind === "email_replied" ? `Reply from ${a.person}` : null,
  body: null,
  bot: a.bot,
  url: null,
  raw: {},
  person: a.person
    ? { identities: [{ vendorId: `lea_${a.person}`, kind: "lead" }], email: `${a.person}@example.com`, name: a.person }
    : null,
});

export type Counts = Record<
  "sent" | "delivered" | "opened" | "clicked" | "replied" | "bounced" | "unsubscribed" | "interested",
  number
>;

/**
 * DESIGN.md's definitions, straight over the raw rows: sends and bounces are events;
 * opened/clicked/replied/interested/unsubscribed are distinct (person, step) pairs counted
 * where their first such event falls. `keyOf` groups the result (a day, a step, a variant…).
 */
export function countIndependently(
  rows: Raw[],
  opts: { bots: boolean; inRange?: (at: string) => boolean; keyOf: (at: string, r: Raw) => string | null },
) {
  const out = new Map<string, Counts>();
  const get = (k: string) => out.get(k) ?? out.set(k, { ...ZERO_COUNTS }).get(k)!;
  const first = new Map<string, Raw>();
  const distinctKind: Partial<Record<ActivityKind, keyof Counts>> = {
    email_opened: "opened",
    email_clicked: "clicked",
    email_replied: "replied",
    interested: "interested",
    unsubscribed: "unsubscribed",
  };
  for (const r of rows) {
    if (r.kind === "email_sent" || r.kind === "email_bounced") {
      if (opts.inRange && !opts.inRange(r.at)) continue;
      const k = opts.keyOf(r.at, r);
      if (k !== null) get(k)[r.kind === "email_sent" ? "sent" : "bounced"]++;
      continue;
    }
    if (!distinctKind[r.kind] || (r.bot && !opts.bots)) continue;
    const pair = `${r.kind}|${r.person ?? `activity:${r.id}`}|${r.step ?? 0}`;
    const seen = first.get(pair);
    if (!seen || r.at < seen.at) first.set(pair, r);
  }
  for (const r of first.values()) {
    if (opts.inRange && !opts.inRange(r.at)) continue;
    const k = opts.keyOf(r.at, r);
    if (k !== null) get(k)[distinctKind[r.kind]!]++;
  }
  for (const c of out.values()) c.delivered = Math.max(0, c.sent - c.bounced);
  return out;
}

export const q = (input: Record<string, string>): EngagementQuery => engagementQuerySchema.parse(input);
export const pick = (c: Record<string, unknown>) => ({
  sent: c.sent,
  delivered: c.delivered,
  opened: c.opened,
  clicked: c.clicked,
  replied: c.replied,
  bounced: c.bounced,
  unsubscribed: c.unsubscribed,
  interested: c.interested,
});

export const BIG = "lemlist:cmp_big";
export const AB = "lemlist:cmp_ab";
export const SMALL = "smartlead:77";
const START = Date.UTC(2026, 2, 2); // Monday 2 March 2026; Paris moves to summer time on 29 March

/**
 * A store of `kind` seeded for the calling describe: three campaigns, the generated rows of
 * two of them (`raw`) and two rows of the third, written the way the sync writes them.
 * `store` is filled in once the beforeAll has run.
 */
export function seededEngagementStore(kind: StoreKind) {
  const store = {} as Store;
  const raw = [...generate(BIG, 1, 400, START, false), ...generate(AB, 2, 300, START, true)];
  const small: Raw[] = [
    {
      id: "s1",
      kind: "email_sent",
      at: "2026-03-10T23:30:00.000Z",
      person: "zoe",
      campaign: SMALL,
      step: 1,
      variant: null,
      bot: false,
    },
    {
      id: "s2",
      kind: "email_replied",
      at: "2026-03-11T08:00:00.000Z",
      person: "zoe",
      campaign: SMALL,
      step: 1,
      variant: null,
      bot: false,
    },
  ];

  beforeAll(async () => {
    Object.assign(
      store,
      await freshStoreWith(
        kind,
        { id: "conn1", vendor: "lemlist", label: "L" },
        { id: "conn2", vendor: "smartlead", label: "S" },
      ),
    );
    await store.db.insert(t.campaigns).values([
      {
        id: BIG,
        connectionId: "conn1",
        vendor: "lemlist",
        vendorId: "cmp_big",
        name: "Big launch",
        status: "active",
        vendorReported: { sent: 1000, replied: 50 },
      },
      { id: AB, connectionId: "conn1", vendor: "lemlist", vendorId: "cmp_ab", name: "Subject A/B", status: "paused" },
      {
        id: SMALL,
        connectionId: "conn2",
        vendor: "smartlead",
        vendorId: "77",
        name: "Night owls",
        status: "completed",
      },
    ]);
    // Written the way the sync writes them: pages of 250, the second half of each campaign twice (an overlapping window).
    const all = raw.map(toMapped);
    for (let i = 0; i < all.length; i += 250)
      await store.db.transaction((tx) => writeBatch(tx, "conn1", "lemlist", { activities: all.slice(i, i + 250) }));
    await store.db.transaction((tx) => writeBatch(tx, "conn1", "lemlist", { activities: all.slice(all.length / 2) }));
    await store.db.transaction((tx) =>
      writeBatch(tx, "conn2", "smartlead", {
        activities: small.map((a) => ({ ...toMapped(a), id: `smartlead:${a.id}`, vendor: "smartlead" })),
      }),
    );
  });
  // `store` is still empty when the beforeAll failed before it was made.
  afterAll(async () => store.cleanup?.());
  return { store, raw };
}
