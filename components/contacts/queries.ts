// One queryOptions factory for the contact pages; keys go from generic to specific:
// ["contacts"] → ["contacts", "list", filters] and ["contacts", "detail", id].
import { infiniteQueryOptions, keepPreviousData, queryOptions } from "@tanstack/react-query";
import { apiFetch } from "@/lib/client/api";
import { contactsSearchParams } from "@/lib/model/plain/contacts-query";
import type { ContactResponse, ContactsPage } from "@/lib/model/contacts-query";
import type { Vendor } from "@/lib/model/vendor";

export interface ContactListFilters {
  q: string;
  vendor: Vendor[];
}

export const PAGE_SIZE = 50;

export const contactQueries = {
  all: () => ["contacts"] as const,
  list: (f: ContactListFilters, initial?: ContactsPage) =>
    infiniteQueryOptions({
      queryKey: [...contactQueries.all(), "list", { q: f.q.trim(), vendor: [...f.vendor].sort() }] as const,
      queryFn: ({ pageParam, signal }) =>
        apiFetch<ContactsPage>(
          `/contacts?${contactsSearchParams({ q: f.q, vendor: f.vendor, limit: PAGE_SIZE, cursor: pageParam })}`,
          { signal },
        ),
      initialPageParam: null as string | null,
      getNextPageParam: (last) => last.nextCursor,
      // While a new search runs, the previous rows stay (dimmed): no flash of an empty table.
      placeholderData: keepPreviousData,
      ...(initial ? { initialData: { pages: [initial], pageParams: [null] } } : {}),
    }),
  detail: (id: string, initial?: ContactResponse) =>
    queryOptions({
      queryKey: [...contactQueries.all(), "detail", id] as const,
      queryFn: ({ signal }) => apiFetch<ContactResponse>(`/contacts/${encodeURIComponent(id)}`, { signal }),
      ...(initial ? { initialData: initial } : {}),
    }),
};
