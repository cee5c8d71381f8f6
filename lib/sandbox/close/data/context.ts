import type { Rng } from "@/lib/sandbox/shared/prng";
import { closeDate, type CloseActivity, type CloseUser } from "../records";
import { userName, type Accounts, type ContactCtx, type LeadCtx } from "./accounts";
import { EMPTY, HOUR, rid } from "./ids";

/** What every activity generator shares: the account, the clock, the output lists and the helpers. */
export interface Gen extends Accounts {
  rng: Rng;
  now: number;
  /** The start of the world's period (now − days). */
  start: number;
  acts: CloseActivity[];
  threads: CloseActivity[];
  /** A new activity with the fields every type carries. */
  base(
    type: string,
    lc: LeadCtx,
    cc: ContactCtx | null,
    user: CloseUser | null,
    createdMs: number,
    atMs: number,
  ): CloseActivity;
  /** A time up to `maxDelay` after `from`, before `now` (drawn again within what is left when it would pass it). */
  after(from: number, maxDelay: number): number;
  /** When an episode of a lead's history starts: after the lead was created, before now. */
  episodeStart(lc: LeadCtx): number;
  /** Most items land in Close within seconds; a share is synced hours or days later. */
  syncedAt(atMs: number, lateShare: number): number;
  uc(u: CloseUser): UserCtx;
  phoneOf(cc: ContactCtx): string;
  localPhone(u: CloseUser): string;
}

export interface UserCtx {
  name: string;
  addr: readonly { email: string; name: string }[];
  sender: string;
  ids: readonly string[];
  phone: string;
  emailAccount: string;
}

export function createGen(rng: Rng, accounts: Accounts, now: number, start: number): Gen {
  // Sub-objects that repeat across rows are shared (and frozen): a million rows stay small.
  const userCtx = new Map<CloseUser, UserCtx>(
    accounts.users.map((u, i) => [
      u,
      {
        name: userName(u),
        addr: Object.freeze([Object.freeze({ email: u.email, name: userName(u) })]),
        sender: `"${userName(u)}" <${u.email}>`,
        ids: Object.freeze([u.id]),
        phone: `+3318${String(i).padStart(7, "0")}`,
        emailAccount: accounts.emailAccounts[i]!,
      },
    ]),
  );
  const uc = (u: CloseUser) => userCtx.get(u)!;
  const after = (from: number, maxDelay: number) => {
    const t = from + Math.floor(rng.next() * maxDelay);
    return t < now ? t : Math.min(now, from + Math.floor(rng.next() * Math.max(0, now - from)));
  };
  return {
    ...accounts,
    rng,
    now,
    start,
    acts: [],
    threads: [],
    base(type, lc, cc, user, createdMs, atMs) {
      const created = closeDate(createdMs);
      const at = atMs === createdMs ? created : closeDate(atMs);
      return {
        id: rid(rng, "acti_", 43),
        _type: type,
        lead_id: lc.lead.id,
        contact_id: cc ? cc.contact.id : null,
        user_id: user ? user.id : null,
        user_name: user ? uc(user).name : null,
        organization_id: accounts.organization.id,
        date_created: created,
        // Upcoming meetings were last touched when created, not in the future.
        date_updated: atMs > createdMs && atMs <= now ? at : created,
        activity_at: at,
        created_by: user ? user.id : null,
        updated_by: user ? user.id : null,
        users: user ? uc(user).ids : EMPTY,
      };
    },
    after,
    episodeStart(lc) {
      const lo = Math.max(start, lc.createdMs + HOUR);
      return Math.floor(lo + rng.next() * Math.max(0, now - lo));
    },
    syncedAt: (atMs, lateShare) =>
      rng.chance(lateShare) ? after(atMs, rng.int(1, 96) * HOUR) : after(atMs, rng.int(0, 20) * 1000),
    uc,
    phoneOf: (cc) => cc.contact.phones[0]!.phone,
    localPhone: (u) => uc(u).phone,
  };
}
