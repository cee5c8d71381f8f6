import "server-only";
import { sql } from "drizzle-orm";
import type { Campaign } from "@/lib/model/campaign";
import type { CampaignSummary } from "@/lib/model/engagement";
import type { Vendor } from "@/lib/model/vendor";
import { queryRows, type Db } from "../../store/db";
import { isoSql } from "./sums";

// The campaigns an engagement read is about, with their first and last activity.

export interface CampaignRow {
  id: string;
  connectionId: string;
  vendor: Vendor;
  vendorId: string;
  name: string;
  status: Campaign["status"];
  vendorStatus: string | null;
  createdAt: string | null;
  url: string | null;
  vendorReported: Record<string, number | null> | null;
  firstActivityAt: string | null;
  lastActivityAt: string | null;
}

/** Campaigns with their first and last activity (two index probes each on (campaign_id, occurred_at)). */
export async function campaignRows(db: Db, ids: string[]): Promise<CampaignRow[]> {
  if (ids.length === 0) return [];
  return queryRows<CampaignRow>(
    db,
    sql`
    select c.id, c.connection_id as "connectionId", c.vendor, c.vendor_id as "vendorId", c.name, c.status, c.vendor_status as "vendorStatus",
      ${isoSql(sql`c.created_at`)} as "createdAt", c.url, c.vendor_reported as "vendorReported",
      ${isoSql(sql`(select min(a.occurred_at) from activities a where a.campaign_id = c.id and a.state is null)`)} as "firstActivityAt",
      ${isoSql(sql`(select max(a.occurred_at) from activities a where a.campaign_id = c.id and a.state is null)`)} as "lastActivityAt"
    from campaigns c
    where c.id in (select value from json_array_elements_text(${JSON.stringify(ids)}::json))`,
  );
}

export function summaryOf(r: CampaignRow): CampaignSummary {
  return {
    id: r.id,
    vendor: r.vendor,
    vendorId: r.vendorId,
    name: r.name,
    status: r.status,
    vendorStatus: r.vendorStatus,
    createdAt: r.createdAt,
    url: r.url,
    firstActivityAt: r.firstActivityAt,
    lastActivityAt: r.lastActivityAt,
  };
}

/** The campaign header of a campaign page; null when unknown. */
export async function getCampaignSummary(
  db: Db,
  id: string,
): Promise<(CampaignSummary & { vendorReported: Record<string, number | null> | null }) | null> {
  const [row] = await campaignRows(db, [id]);
  return row ? { ...summaryOf(row), vendorReported: row.vendorReported } : null;
}
