// zod-free, for client components (a module that defines zod schemas brings all of zod
// along): the query string the contacts list sends.

export interface ContactsRequest {
  q?: string | null;
  vendor?: readonly string[] | null;
  limit?: number | null;
  cursor?: string | null;
}

/** The query string for GET /contacts, in a stable order. */
export function contactsSearchParams(r: ContactsRequest): URLSearchParams {
  const sp = new URLSearchParams();
  if (r.q?.trim()) sp.set("q", r.q.trim());
  if (r.vendor?.length) sp.set("vendor", [...r.vendor].sort().join(","));
  if (r.limit) sp.set("limit", String(r.limit));
  if (r.cursor) sp.set("cursor", r.cursor);
  return sp;
}
