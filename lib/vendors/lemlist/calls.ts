import "server-only";
import type { MappedActivity } from "@/lib/vendors/types";
import { mapLemlistActivity, type LemlistMapContext } from "./map";
import type { LemlistActivityRow } from "./schemas";

const AIRCALL = new Set(["aircallCreated", "aircallEnded", "aircallDone"]);
/** Which of a call's rows is furthest along: its outcome is the call's. */
const STAGE: Record<string, number> = { aircallCreated: 0, aircallEnded: 1, aircallDone: 2 };

/**
 * lemlist logs one Aircall call as up to three activities (`aircallCreated` when it is
 * dialled, `aircallEnded` with its `duration`, `aircallDone` when the call task is closed).
 * Touchline shows one call: the rows of one call share a key and become one item, dated at
 * the call's start, with the duration and the outcome (the type and note) of the furthest row.
 *
 * The key: the call task's id (`metaData.taskId`, which the three rows share) or, without
 * one, the lead, campaign and step (one phone step calls a lead once) — an assumption
 * (docs/vendor-assumptions.md). Rows of one call can arrive on different pages or windows
 * (newest first: the done row before the created one), so the merger keeps what it has seen
 * for the whole run and re-emits the merged item each time a row adds to it; the upsert keeps
 * the last. An incremental sync re-reads its overlap hour, so a call split by a sync boundary
 * is read whole again by the next one.
 */
export class CallMerger {
  private readonly calls = new Map<string, { row: LemlistActivityRow; raw: unknown }[]>();

  constructor(private readonly ctx: () => LemlistMapContext) {}

  /** Maps one page's rows; a page's several rows of one call yield one item. */
  map(rows: { row: LemlistActivityRow; raw: unknown }[]): MappedActivity[] {
    const out = new Map<string, MappedActivity>();
    for (const r of rows) {
      if (!AIRCALL.has(r.row.type)) {
        const a = mapLemlistActivity(r.row, this.ctx(), r.raw);
        out.set(a.id, a);
        continue;
      }
      const key = callKey(r.row);
      const parts = this.calls.get(key) ?? [];
      if (!parts.some((p) => p.row._id === r.row._id)) parts.push(r);
      this.calls.set(key, parts);
      const merged = this.merge(key, parts);
      out.set(merged.id, merged);
    }
    return [...out.values()];
  }

  private merge(key: string, parts: { row: LemlistActivityRow; raw: unknown }[]): MappedActivity {
    const byStage = [...parts].sort((a, b) => (STAGE[a.row.type] ?? 0) - (STAGE[b.row.type] ?? 0));
    const latest = byStage.at(-1)!;
    const created = parts.find((p) => p.row.type === "aircallCreated");
    const ended = [...byStage].reverse().find((p) => typeof p.row.duration === "number" && p.row.duration >= 0);
    const duration = ended ? Math.round(ended.row.duration!) : null;
    // The call began when it was dialled; without that row, the end less the duration.
    const start = created
      ? Date.parse(created.row.createdAt)
      : ended && duration !== null
        ? Date.parse(ended.row.createdAt) - duration * 1000
        : Math.min(...parts.map((p) => Date.parse(p.row.createdAt)));
    const base = mapLemlistActivity(latest.row, this.ctx(), latest.raw);
    const withPerson = parts.map((p) => mapLemlistActivity(p.row, this.ctx(), p.raw)).find((a) => a.person);
    return {
      ...base,
      id: `lemlist:call:${key}`,
      occurredAt: new Date(start).toISOString(),
      durationSeconds: duration,
      person: base.person ?? withPerson?.person ?? null,
      campaignId: base.campaignId ?? withPerson?.campaignId ?? null,
      sequenceStep: base.sequenceStep ?? withPerson?.sequenceStep ?? null,
      raw: { rows: byStage.map((p) => p.raw) },
    };
  }
}

/** The Touchline id of a lemlist activity row: its own, or its call's for an Aircall row. */
export function lemlistActivityId(row: LemlistActivityRow): string {
  return AIRCALL.has(row.type) ? `lemlist:call:${callKey(row)}` : `lemlist:${row._id}`;
}

export function callKey(row: LemlistActivityRow): string {
  const task = row.metaData?.taskId?.trim();
  if (task) return task;
  const who = row.leadId ?? row.contactId ?? row.lead?._id;
  if (who && row.campaignId && typeof row.sequenceStep === "number")
    return `${who}:${row.campaignId}:${row.sequenceStep}`;
  return row._id;
}
