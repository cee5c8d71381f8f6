import "server-only";
import { sql } from "drizzle-orm";
import { normaliseEmail } from "@/lib/model/contact";
import type { Vendor } from "@/lib/model/vendor";
import type { PersonRef } from "@/lib/vendors/types";
import { queryRows, type Db, type StoreKind, type Tx } from "../store/db";
import { chunks } from "./chunks";
import { contactIdForEmail, contactIdForRecord } from "./ids";
import { upsertRows } from "./upsert";

/**
 * Resolves every person in the batch to a Touchline contact (one per normalised email;
 * a record with no email joins the contact its vendor id already belongs to, or keeps a
 * contact of its own), upserts contacts and identities, and returns vendorId → contactId.
 */
export async function resolvePeople(
  tx: Tx,
  connectionId: string,
  vendor: Vendor,
  people: PersonRef[],
  kind: StoreKind = "pglite",
): Promise<Map<string, string>> {
  const byVendorId = new Map<string, string>();
  if (people.length === 0) return byVendorId;

  const noEmailIds = [
    ...new Set(people.filter((p) => !normaliseEmail(p.email)).flatMap((p) => p.identities.map((i) => i.vendorId))),
  ];
  const known = new Map<string, string>();
  for (const ids of chunks(noEmailIds, 5000)) {
    const rows = await queryRows<{ vendor_id: string; contact_id: string }>(
      tx as unknown as Db,
      sql`select vendor_id, contact_id from contact_identities
          where connection_id = ${connectionId} and vendor_id in (select value from jsonb_array_elements_text(${JSON.stringify(ids)}::jsonb))`,
    );
    for (const r of rows) known.set(r.vendor_id, r.contact_id);
  }

  const contacts = new Map<string, { id: string; email: string | null; name: string | null; company: string | null }>();
  const identities = new Map<string, { vendor_id: string; contact_id: string; kind: string; url: string | null }>();
  for (const p of people) {
    const email = normaliseEmail(p.email);
    const first = p.identities[0];
    let id: string;
    if (email) id = contactIdForEmail(email);
    else {
      const existing = p.identities.map((i) => known.get(i.vendorId) ?? byVendorId.get(i.vendorId)).find(Boolean);
      if (existing) id = existing;
      else if (first) id = contactIdForRecord(vendor, first.vendorId);
      else continue;
    }
    const prev = contacts.get(id);
    contacts.set(id, {
      id,
      email: email ?? prev?.email ?? null,
      name: prev?.name || p.name?.trim() || null,
      company: prev?.company || p.company?.trim() || null,
    });
    for (const i of p.identities) {
      identities.set(i.vendorId, { vendor_id: i.vendorId, contact_id: id, kind: i.kind, url: i.url ?? null });
      byVendorId.set(i.vendorId, id);
    }
  }

  // First non-empty value wins for name and company, so vendors do not flip a person's
  // name back and forth on every sync.
  await upsertRows(
    tx,
    kind,
    "contacts",
    [
      ["id", "text"],
      ["email", "text"],
      ["name", "text"],
      ["company", "text"],
    ],
    [...contacts.values()],
    "id",
    "name = coalesce(contacts.name, excluded.name), company = coalesce(contacts.company, excluded.company), email = coalesce(contacts.email, excluded.email)",
  );
  await upsertRows(
    tx,
    kind,
    "contact_identities",
    [
      ["vendor", "text"],
      ["vendor_id", "text"],
      ["connection_id", "text"],
      ["contact_id", "text"],
      ["kind", "text"],
      ["url", "text"],
    ],
    [...identities.values()].map((r) => ({ ...r, vendor, connection_id: connectionId })),
    "connection_id, vendor_id",
    "contact_id = excluded.contact_id, kind = excluded.kind, url = coalesce(excluded.url, contact_identities.url)",
  );
  return byVendorId;
}

export function contactOf(map: Map<string, string>, person: PersonRef | null): string | null {
  if (!person) return null;
  for (const i of person.identities) {
    const id = map.get(i.vendorId);
    if (id) return id;
  }
  return null;
}
