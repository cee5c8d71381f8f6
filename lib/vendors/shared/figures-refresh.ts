import "server-only";

/**
 * A campaign's vendor-reported figures (a vendor's per-campaign stats or analytics) cost one
 * request per campaign. They only sit beside Touchline's own counts for reconciliation, so
 * they are read again at most every 6 hours, per campaign: a sync with nothing new then costs
 * the listings alone (issue 17), and an account with 50 campaigns does not spend 50 requests
 * every 15 minutes. A stored figure stays until the next read replaces it (the writer keeps
 * `vendor_reported` when a page brings none).
 */
export const FIGURES_EVERY_MS = 6 * 3_600_000;

/** When each campaign's figures were last read (ISO), by vendor campaign id. */
export type FiguresReadAt = Record<string, string>;

/** Whether the campaign's figures are due: never read, or read `FIGURES_EVERY_MS` ago or more. */
export function figuresDue(readAt: FiguresReadAt | undefined, campaignId: string, now: Date): boolean {
  const at = readAt?.[campaignId];
  const t = at ? Date.parse(at) : NaN;
  return !Number.isFinite(t) || now.getTime() - t >= FIGURES_EVERY_MS || t > now.getTime();
}

/** The stream state's map, read leniently (a state written before this rule has none). */
export function figuresReadAtOf(state: unknown): FiguresReadAt {
  const v = state && typeof state === "object" ? (state as { figuresReadAt?: unknown }).figuresReadAt : undefined;
  if (!v || typeof v !== "object") return {};
  return Object.fromEntries(Object.entries(v).filter((e): e is [string, string] => typeof e[1] === "string"));
}

/**
 * One listing's plan: `take(id)` says whether to read that campaign's figures now and carries
 * its stamp into `next` (the state the listing's last page saves). Only listed campaigns are
 * carried, so a deleted campaign's stamp goes with it; one never taken (a draft) gets none.
 */
export function figuresSchedule(state: unknown, now: Date) {
  const before = figuresReadAtOf(state);
  const next: FiguresReadAt = {};
  return {
    before,
    next,
    take(id: string): boolean {
      const due = figuresDue(before, id, now);
      if (due) next[id] = now.toISOString();
      else next[id] = before[id]!;
      return due;
    },
  };
}
