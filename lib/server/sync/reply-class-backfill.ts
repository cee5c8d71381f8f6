import "server-only";
import { sql } from "drizzle-orm";
import { classifyReply } from "@/lib/model/plain/reply-class";
import { refreshEngagementRollups, type EngagementPair } from "../rollups/engagement";
import { queryRows, type Db } from "../store/db";

// Replies stored before reply classes existed (migration 0011) have none. At start the
// server classifies them with the same rules the sync uses, in batches, and moves the
// rollups of every (campaign, person) whose reply turned out not to be human — until then
// an unclassified reply counted as human, so nothing else changes.

const BATCH = 1000;

/** Classifies every stored reply without a class; returns how many it classified. */
export async function backfillReplyClasses(db: Db): Promise<number> {
  let done = 0;
  for (;;) {
    const rows = await queryRows<{
      id: string;
      subject: string | null;
      body: string | null;
      preview: string | null;
      campaign_id: string | null;
      key: string;
    }>(
      db,
      sql`select id, subject, body, preview, campaign_id, coalesce(contact_id, 'activity:' || id) as key
          from activities where reply_class is null and kind in ('email_replied', 'linkedin_replied')
          order by id limit ${BATCH}`,
    );
    if (rows.length === 0) return done;
    const classed = rows.map((r) => ({ ...r, cls: classifyReply({ subject: r.subject, body: r.body ?? r.preview }) }));
    const pairs: EngagementPair[] = classed
      .filter((r) => r.cls !== "human" && r.campaign_id)
      .map((r) => ({ campaignId: r.campaign_id!, key: r.key }));
    await db.transaction(async (tx) => {
      await tx.execute(sql`
        update activities a set reply_class = v.cls
        from json_to_recordset(${JSON.stringify(classed.map((r) => ({ id: r.id, cls: r.cls })))}::json) as v(id text, cls text)
        where a.id = v.id`);
      await refreshEngagementRollups(tx, pairs);
    });
    done += rows.length;
  }
}
