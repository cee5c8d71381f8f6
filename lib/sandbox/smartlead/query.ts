import type { DriftRef } from "./data";
import type { ThreadReplyRef } from "./late";
import type { SmartleadCampaign, SmartleadData, SmartleadLead, SmartleadLeadRecord } from "./records";

/** A lead in a result, with the indices of its activities that matched (null: all of them). */
export interface WindowHit {
  lead: number;
  acts: number[] | null;
}

const CACHE_SIZE = 8;

/**
 * The simulator's indexes over the data: events (sends and replies) sorted by time for the
 * `event_time_from/to` filter, leads per campaign, per lead_id, and lead records by email.
 * A window's ordered result is cached, so paging through it with offsets costs a slice.
 */
export class SmartleadIndex {
  readonly campaigns = new Map<number, SmartleadCampaign>();
  private evTime: number[] = [];
  private evLead: number[] = [];
  private evAct: number[] = [];
  private dirty = true;
  private version = 0;
  private cache = new Map<string, { version: number; hits: WindowHit[] }>();
  private leadsOfCampaign = new Map<number, number[]>();
  private leadsOfLeadId = new Map<number, number[]>();
  private records = new Map<string, SmartleadLeadRecord>();
  /** Leads 0…indexed-1 are in the indexes. */
  private indexed = 0;

  constructor(private readonly data: SmartleadData) {
    for (const c of data.campaigns) this.campaigns.set(c.id, c);
    for (const r of data.leadRecords) this.records.set(normalise(r.email), r);
    while (this.indexed < data.leads.length) this.indexLead(this.indexed);
  }

  /** A campaign's leads. */
  campaignLeads(campaignId: number): SmartleadLead[] {
    return (this.leadsOfCampaign.get(campaignId) ?? []).map((i) => this.data.leads[i]!);
  }

  /** A person's leads, one per campaign they are in. */
  leadsOf(leadId: number): SmartleadLead[] {
    return (this.leadsOfLeadId.get(leadId) ?? []).map((i) => this.data.leads[i]!);
  }

  lead(campaignId: number, leadId: number): SmartleadLead | null {
    return this.leadsOf(leadId).find((l) => l.campaign_id === campaignId) ?? null;
  }

  /** Smartlead matches emails without regard to case. */
  record(email: string): SmartleadLeadRecord | null {
    return this.records.get(normalise(email)) ?? null;
  }

  /** Drift added these activities, to leads already indexed or to new leads appended to `data.leads`. */
  added(refs: DriftRef[]): void {
    if (refs.length === 0) return;
    const fresh = new Set<number>();
    for (const r of refs) {
      while (this.indexed <= r.lead) {
        fresh.add(this.indexed);
        this.indexLead(this.indexed);
      }
      if (fresh.has(r.lead)) continue; // indexLead saw all its activities
      const a = this.data.leads[r.lead]!.activities[r.activity]!;
      this.push(Date.parse(a.sent_time), r.lead, r.activity);
    }
    this.version++;
  }

  /** Late engagement added further replies to these emails (opens and clicks have no time to index). */
  repliedLater(refs: ThreadReplyRef[]): void {
    if (refs.length === 0) return;
    for (const r of refs) if (r.lead < this.indexed) this.push(r.at, r.lead, r.activity);
    this.version++;
  }

  /**
   * Leads with a send or a reply (first or further, in `thread_replies`) in [from, to]
   * (inclusive, ms; null = open), each with
   * only its matching activities, newest matching event first; ties by email_lead_map_id
   * descending. With no bounds at all: every lead with all its activities.
   *
   * Why sends and replies: seed 001 says the bounds "filter activities", and an activity
   * (one email) has only these times — `sent_time`, `reply_details.time` and its thread
   * replies' — opens and clicks are counts without times, so they never bring a lead into
   * a window (the connector's look-back is what finds them). Matching on replies keeps a
   * reply that comes days after its email inside the window where it happened, which is
   * what an incremental reader needs.
   */
  window(from: number | null, to: number | null): WindowHit[] {
    const key = `${from}|${to}`;
    const cached = this.cache.get(key);
    if (cached && cached.version === this.version) return cached.hits;
    const hits = from === null && to === null ? this.everything() : this.between(from ?? -Infinity, to ?? Infinity);
    if (this.cache.size >= CACHE_SIZE) this.cache.delete(this.cache.keys().next().value!);
    this.cache.set(key, { version: this.version, hits });
    return hits;
  }

  private indexLead(i: number): void {
    const lead = this.data.leads[i]!;
    this.indexed = i + 1;
    push(this.leadsOfCampaign, lead.campaign_id, i);
    push(this.leadsOfLeadId, lead.lead_id, i);
    lead.activities.forEach((a, ai) => {
      this.push(Date.parse(a.sent_time), i, ai);
      if (a.reply_details) this.push(Date.parse(a.reply_details.time), i, ai);
      for (const r of a.thread_replies) this.push(Date.parse(r.time), i, ai);
    });
  }

  private push(t: number, lead: number, act: number): void {
    const last = this.evTime.length ? this.evTime[this.evTime.length - 1]! : -Infinity;
    if (t < last) this.dirty = true;
    this.evTime.push(t);
    this.evLead.push(lead);
    this.evAct.push(act);
  }

  private sort(): void {
    if (!this.dirty) return;
    const n = this.evTime.length;
    const order = new Int32Array(n);
    for (let i = 0; i < n; i++) order[i] = i;
    const t = this.evTime;
    order.sort((a, b) => t[a]! - t[b]! || a - b);
    const [time, lead, act] = [this.evTime, this.evLead, this.evAct];
    this.evTime = Array.from(order, (i) => time[i]!);
    this.evLead = Array.from(order, (i) => lead[i]!);
    this.evAct = Array.from(order, (i) => act[i]!);
    this.dirty = false;
  }

  private between(from: number, to: number): WindowHit[] {
    this.sort();
    const lo = lowerBound(this.evTime, from);
    const hi = lowerBound(this.evTime, to, true);
    const latest = new Map<number, number>();
    const acts = new Map<number, number[]>();
    for (let i = lo; i < hi; i++) {
      const l = this.evLead[i]!;
      latest.set(l, this.evTime[i]!);
      const list = acts.get(l);
      if (list) list.push(this.evAct[i]!);
      else acts.set(l, [this.evAct[i]!]);
    }
    const hits: WindowHit[] = [];
    for (const [lead, list] of acts) hits.push({ lead, acts: [...new Set(list)].sort((a, b) => a - b) });
    return this.order(hits, (h) => latest.get(h.lead)!);
  }

  private everything(): WindowHit[] {
    const hits: WindowHit[] = this.data.leads.map((_, lead) => ({ lead, acts: null }));
    return this.order(hits, (h) => lastEventTime(this.data.leads[h.lead]!));
  }

  private order(hits: WindowHit[], timeOf: (h: WindowHit) => number): WindowHit[] {
    const key = new Map(hits.map((h) => [h.lead, timeOf(h)]));
    const leads = this.data.leads;
    return hits.sort(
      (a, b) =>
        key.get(b.lead)! - key.get(a.lead)! || leads[b.lead]!.email_lead_map_id - leads[a.lead]!.email_lead_map_id,
    );
  }
}

function lastEventTime(lead: SmartleadLead): number {
  let t = Date.parse(lead.created_at);
  for (const a of lead.activities) {
    t = Math.max(t, Date.parse(a.sent_time), a.reply_details ? Date.parse(a.reply_details.time) : -Infinity);
    for (const r of a.thread_replies) t = Math.max(t, Date.parse(r.time));
  }
  return t;
}

/** First index with arr[i] >= x (or > x when `after`). */
function lowerBound(arr: number[], x: number, after = false): number {
  let lo = 0;
  let hi = arr.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (arr[mid]! < x || (after && arr[mid]! === x)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function push<K>(map: Map<K, number[]>, key: K, value: number): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function normalise(email: string): string {
  return email.trim().toLowerCase();
}
