import "server-only";
import { sql, type SQL } from "drizzle-orm";
import type { ContactListItem } from "@/lib/model/contact";
import type { ContactDetail, ContactsPage, ContactsQuery } from "@/lib/model/contacts-query";
import { identityUrl, safeExternalUrl } from "@/lib/model/deep-links";
import { encodeCursor } from "@/lib/model/query-params";
import type { Vendor } from "@/lib/model/vendor";
import { queryRows, type Db } from "../store/db";
import { and, isoMs, isoUs, list, matchAllTerms, searchTerms } from "./sql-helpers";

interface ListRow {
  id: string;
  email: string | null;
  name: string | null;
  company: string | null;
  lastActivityAt: string | null;
  atKey: string | null;
  vendors: Vendor[] | string | null;
  activityCount: number;
  upcomingAt: string | null;
  openTaskCount: number;
}

/** node-postgres hands text[] back as an array; be lenient with the `{a,b}` literal too. */
function textArray(v: string[] | string | null): string[] {
  if (!v) return [];
  if (Array.isArray(v)) return v;
  return v
    .replace(/^\{|\}$/g, "")
    .split(",")
    .filter(Boolean);
}

/**
 * One page of the contact list, newest activity first (never-active people last), ties by
 * id. Keyset paging on `contacts_last_activity_idx` (last_activity_at desc nulls last, id):
 * the active and never-active parts are two index range scans, so a deep page costs what
 * the first one does. Per-row counts are computed for the page's ids only.
 */
export async function listContacts(db: Db, q: ContactsQuery): Promise<ContactsPage> {
  const take = q.limit + 1;
  const filters: SQL[] = [];
  const terms = searchTerms(q.q);
  filters.push(...matchAllTerms(terms, [sql`c.name`, sql`c.email`, sql`c.company`]));
  if (q.vendor?.length) {
    filters.push(
      sql`exists (select 1 from contact_identities ci where ci.contact_id = c.id and ci.vendor in ${list(q.vendor)})`,
    );
  }

  const cursor = q.cursor;
  const branches: SQL[] = [];
  // Active people: on or after the cursor's time, strictly after its id among equals.
  if (!cursor || cursor.at !== null) {
    const where = [sql`c.last_activity_at is not null`, ...filters];
    if (cursor?.at)
      where.push(
        sql`c.last_activity_at <= ${cursor.at}::timestamptz and (c.last_activity_at < ${cursor.at}::timestamptz or c.id > ${cursor.id})`,
      );
    branches.push(
      sql`(select c.id, c.last_activity_at from contacts c where ${and(where)} order by c.last_activity_at desc nulls last, c.id limit ${take})`,
    );
  }
  // Never-active people, by id.
  {
    const where = [sql`c.last_activity_at is null`, ...filters];
    if (cursor && cursor.at === null) where.push(sql`c.id > ${cursor.id}`);
    branches.push(
      sql`(select c.id, c.last_activity_at from contacts c where ${and(where)} order by c.last_activity_at desc nulls last, c.id limit ${take})`,
    );
  }

  const rows = await queryRows<ListRow>(
    db,
    sql`
    with page as (
      select * from (${sql.join(branches, sql` union all `)}) u
      order by u.last_activity_at desc nulls last, u.id
      limit ${take}
    )
    select c.id, c.email, c.name, c.company,
      ${isoMs(sql`c.last_activity_at`)} as "lastActivityAt",
      ${isoUs(sql`c.last_activity_at`)} as "atKey",
      array(select distinct ci.vendor from contact_identities ci where ci.contact_id = c.id order by 1) as vendors,
      (select count(*) from activities a where a.contact_id = c.id and a.state is null and a.occurred_at <= now())::int as "activityCount",
      ${isoMs(sql`(select min(a.occurred_at) from activities a where a.contact_id = c.id and a.occurred_at > now() and (a.state is null or a.state = 'scheduled'))`)} as "upcomingAt",
      (select count(*) from tasks t where t.contact_id = c.id and t.status = 'open')::int as "openTaskCount"
    from page p join contacts c on c.id = p.id
    order by p.last_activity_at desc nulls last, p.id`,
  );

  const more = rows.length > q.limit;
  const pageRows = more ? rows.slice(0, q.limit) : rows;
  const last = pageRows.at(-1);
  const data: ContactListItem[] = pageRows.map((r) => ({
    id: r.id,
    email: r.email,
    name: r.name,
    company: r.company,
    vendors: textArray(r.vendors) as Vendor[],
    lastActivityAt: r.lastActivityAt,
    upcomingAt: r.upcomingAt,
    activityCount: r.activityCount,
    openTaskCount: r.openTaskCount,
  }));
  return { data, nextCursor: more && last ? encodeCursor({ at: last.atKey, id: last.id }) : null };
}

/** One person with every vendor identity (each with a link into the vendor's app) and counts; null if unknown. */
export async function getContact(db: Db, id: string): Promise<ContactDetail | null> {
  const [row] = await queryRows<Omit<ListRow, "atKey"> & { otherTimelineCount: number }>(
    db,
    sql`
    select c.id, c.email, c.name, c.company,
      ${isoMs(sql`c.last_activity_at`)} as "lastActivityAt",
      array(select distinct ci.vendor from contact_identities ci where ci.contact_id = c.id order by 1) as vendors,
      (select count(*) from activities a where a.contact_id = c.id and a.state is null and a.occurred_at <= now())::int as "activityCount",
      ${isoMs(sql`(select min(a.occurred_at) from activities a where a.contact_id = c.id and a.occurred_at > now() and (a.state is null or a.state = 'scheduled'))`)} as "upcomingAt",
      (select count(*) from tasks t where t.contact_id = c.id and t.status = 'open')::int as "openTaskCount",
      ((select count(*) from activities a where a.contact_id = c.id and (a.state is not null or a.occurred_at > now()))
        + (select count(*) from tasks t where t.contact_id = c.id))::int as "otherTimelineCount"
    from contacts c where c.id = ${id}`,
  );
  if (!row) return null;
  const identities = await queryRows<{ vendor: Vendor; vendorId: string; kind: string | null; url: string | null }>(
    db,
    sql`select vendor, vendor_id as "vendorId", kind, url from contact_identities where contact_id = ${id} order by vendor, kind nulls last, vendor_id`,
  );
  // The same vendor record can be reached through two connections (two keys of one account): show it once.
  const seen = new Set<string>();
  const unique = identities.filter((i) => {
    const k = `${i.vendor}\u0000${i.vendorId}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    company: row.company,
    lastActivityAt: row.lastActivityAt,
    vendors: textArray(row.vendors) as Vendor[],
    upcomingAt: row.upcomingAt,
    activityCount: row.activityCount,
    otherTimelineCount: row.otherTimelineCount,
    openTaskCount: row.openTaskCount,
    identities: unique.map((i) => ({
      vendor: i.vendor,
      vendorId: i.vendorId,
      kind: i.kind,
      url: safeExternalUrl(i.url) ?? identityUrl(i.vendor, i.vendorId, i.kind),
    })),
  };
}

export async function contactExists(db: Db, id: string): Promise<boolean> {
  const rows = await queryRows<{ one: number }>(db, sql`select 1 as one from contacts where id = ${id}`);
  return rows.length > 0;
}
