import type { Rng } from "@/lib/sandbox/shared/prng";
import type { Person } from "@/lib/sandbox/shared/world";
import type { LemlistActivity, LemlistLeadEntry, LemlistUser } from "../records";

/** What every generator needs from the start: the one rng (its draw order is the data), the period and the team. */
export interface Setup {
  rng: Rng;
  now: number;
  /** The start of the world's period (now − days). */
  start: number;
  span: number;
  teamId: string;
  users: LemlistUser[];
}

/** What the activity and task generators share: the setup, the people's ids, and the lists they fill. */
export interface Gen extends Setup {
  contactIds: Map<number, string>;
  companyIds: Map<string, string>;
  /** In generation order; `times[i]` is when `rows[i]` happened, unrounded, to sort them by. */
  rows: LemlistActivity[];
  times: number[];
  /** Every emailsSent row, the anchors of drift items. */
  sends: LemlistActivity[];
  leads: LemlistLeadEntry[];
  /** Sends that were opened by a person, with the first open: anchors for repeat opens. */
  opened: { send: LemlistActivity; firstOpen: number }[];
  rowId(): string;
}

export function createGen(setup: Setup, people: Person[]): Gen {
  const { rng } = setup;
  const contactIds = new Map<number, string>();
  for (const p of people) contactIds.set(p.index, `ctc_${rng.id()}`);
  const companyIds = new Map<string, string>();
  for (const p of people) if (!companyIds.has(p.company)) companyIds.set(p.company, `cpn_${rng.id()}`);
  return {
    ...setup,
    contactIds,
    companyIds,
    rows: [],
    times: [],
    sends: [],
    leads: [],
    opened: [],
    rowId: () => `act_${rng.id()}`,
  };
}
