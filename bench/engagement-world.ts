// The world bench/read-engagement.ts reads: one big campaign and four smaller ones beside it,
// seeded straight into the store (no simulator), the same on every run.
import { sql } from "drizzle-orm";

export const BIG = "lemlist:cam_big";
export const START = Date.UTC(2026, 0, 5, 0, 0, 0); // a Monday

/** Deterministic pseudo-random numbers (LCG), so every run seeds the same world. */
function rng(seed: number) {
  let s = seed >>> 0;
  return () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32;
}

/**
 * People enrol over the campaign's first days and receive up to four steps, three days
 * apart, in business hours; each send may bounce, be opened by a machine and/or a person,
 * clicked, replied to (ending the sequence, sometimes as interested) or unsubscribed.
 */
export async function seedEngagementWorld(
  db: import("@/lib/server/store/db").Db,
  o: { activities: number; days: number; log?: (line: string) => void },
): Promise<{ big: number; total: number }> {
  const log = o.log ?? (() => {});
  await db.execute(sql`insert into connections (id, vendor, label, key_ciphertext, key_hint)
    values ('conn_lemlist','lemlist','lemlist','x','••••'),('conn_smartlead','smartlead','Smartlead','x','••••'),('conn_leadlex','leadlex','Leadlex','x','••••') on conflict do nothing`);
  const campaigns = [
    { id: BIG, conn: "conn_lemlist", vendor: "lemlist", activities: o.activities },
    { id: "smartlead:cam_2", conn: "conn_smartlead", vendor: "smartlead", activities: Math.round(o.activities / 12) },
    { id: "leadlex:cam_3", conn: "conn_leadlex", vendor: "leadlex", activities: Math.round(o.activities / 12) },
    { id: "lemlist:cam_4", conn: "conn_lemlist", vendor: "lemlist", activities: Math.round(o.activities / 12) },
    { id: "smartlead:cam_5", conn: "conn_smartlead", vendor: "smartlead", activities: Math.round(o.activities / 12) },
  ];
  for (const c of campaigns) {
    await db.execute(sql`insert into campaigns (id, connection_id, vendor, vendor_id, name, status, vendor_reported)
      values (${c.id}, ${c.conn}, ${c.vendor}, ${c.id.split(":")[1]!}, ${`Campaign ${c.id}`}, 'active', ${JSON.stringify({ sent: c.activities / 2 })}::jsonb)`);
  }
  await db.execute(
    sql`insert into contacts (id, email, name) select 'c_' || g, 'person' || g || '@bench.test', 'Person ' || g from generate_series(1, ${Math.ceil(o.activities / 5)}) g`,
  );

  let total = 0;
  let big = 0;
  for (const [ci, c] of campaigns.entries()) {
    const r = rng(ci + 1);
    type Row = { id: string; kind: string; at: number; contact: string; step: number; variant: string; bot: boolean };
    let buffer: Row[] = [];
    let count = 0;
    let seq = 0;
    const flush = async () => {
      if (!buffer.length) return;
      // One JSON parameter per batch, unpacked in SQL: 13 bound parameters per row made the
      // statement's building and binding most of the seed's time, on both stores.
      const rows = buffer.map((a) => ({ ...a, at: new Date(a.at).toISOString() }));
      await db.execute(
        sql`insert into activities (id, connection_id, vendor, vendor_type, kind, channel, occurred_at, contact_id, campaign_id, sequence_step, variant, bot, subject)
          select r.id, ${c.conn}, ${c.vendor}, r.kind, r.kind, 'email', r.at, r.contact, ${c.id}, r.step, r.variant, r.bot,
            case when r.kind = 'email_replied' then 'Re: hello' end
          from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb)
            as r(id text, kind text, at timestamptz, contact text, step int, variant text, bot boolean)`,
      );
      buffer = [];
    };
    const enrolDays = Math.max(1, o.days - 12);
    for (let p = 1; count < c.activities; p++) {
      const contact = `c_${1 + ((p * 7919 + ci * 104729) % Math.ceil(o.activities / 5))}`;
      const variant = r() < 0.5 ? "A" : "B";
      const businessTime = (day: number) => START + day * 86400e3 + (7 + r() * 10) * 3600e3;
      let day = Math.floor(r() * enrolDays);
      const add = (kind: string, at: number, step: number, bot = false) => {
        buffer.push({ id: `${c.id}:${seq++}`, kind, at, contact, step, variant, bot });
        count++;
      };
      for (let step = 1; step <= 4 && count < c.activities; step++, day += 3) {
        const at = businessTime(day);
        add("email_sent", at, step);
        if (r() < 0.03) {
          add("email_bounced", at + (1 + r() * 30) * 60e3, step);
          break;
        }
        if (r() < 0.3) add("email_opened", at + (5 + r() * 120) * 1e3, step, true);
        if (r() < 0.45) {
          const o2 = at + r() * 2 * 86400e3;
          add("email_opened", o2, step);
          if (r() < 0.3) add("email_opened", o2 + r() * 86400e3, step);
          if (r() < 0.2) add("email_clicked", o2 + 60e3, step);
        }
        if (r() < (variant === "B" ? 0.06 : 0.04)) {
          const rep = at + r() * 3 * 86400e3;
          add("email_replied", rep, step);
          if (r() < 0.3) add("interested", rep + 3600e3, step);
          break;
        }
        if (r() < 0.01) add("unsubscribed", at + r() * 86400e3, step);
      }
      if (buffer.length >= 4000) await flush();
    }
    await flush();
    total += count;
    if (c.id === BIG) big = count;
    log(`engagement bench: ${c.id} seeded with ${count} activities`);
  }
  return { big, total };
}
