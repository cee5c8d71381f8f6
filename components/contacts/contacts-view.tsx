"use client";

import { useInfiniteQuery } from "@tanstack/react-query";
import { ArrowDown, SearchX } from "@/components/ui/icons";
import Link from "next/link";
import { useQueryStates } from "nuqs";
import { useCallback, useEffect, useMemo, useRef } from "react";
import { FacetButtons } from "@/components/filters/facet-buttons";
import { SearchBox } from "@/components/filters/search-box";
import { useDebouncedSearch } from "@/components/filters/use-debounced-search";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { LoadError } from "@/components/ui/load-error";
import { RelativeTime } from "@/components/ui/relative-time";
import { Skeleton } from "@/components/ui/skeleton";
import { TableHead } from "@/components/ui/table-head";
import { VendorDot } from "@/components/ui/vendor-badge";
import type { ContactsPage } from "@/lib/model/contacts-query";
import { VENDORS, VENDOR_LABELS, type Vendor } from "@/lib/model/vendor";
import { cn } from "@/lib/utils";
import { displayName } from "./display-name";
import { contactQueries, type ContactListFilters } from "./queries";
import { contactListParams } from "./search-params";

const sameFilters = (a: ContactListFilters, b: ContactListFilters) =>
  a.q.trim() === b.q.trim() && [...a.vendor].sort().join() === [...b.vendor].sort().join();

/** Columns a phone leaves out (email, company, vendors, activity count): the name cell shows what matters of them. */
const PHONE_HIDDEN = "max-sm:hidden";

/**
 * The contact list: as-you-type search over name, email and company, a vendor filter,
 * newest activity first. Pages of 50 by cursor; the next page loads as the end of the
 * table scrolls into view. The first page comes rendered from the server.
 */
export function ContactsView({
  initial,
  initialFilters,
  total,
}: {
  initial: ContactsPage;
  initialFilters: ContactListFilters;
  total: number;
}) {
  const [params, setParams] = useQueryStates(contactListParams, { history: "replace" });
  const filters: ContactListFilters = { q: params.q, vendor: params.vendor };
  const query = useInfiniteQuery(
    contactQueries.list(filters, sameFilters(filters, initialFilters) ? initial : undefined),
  );
  const { data, isPlaceholderData, hasNextPage, isFetchingNextPage, fetchNextPage, isError, error, refetch } = query;
  const rows = useMemo(() => data?.pages.flatMap((p) => p.data) ?? [], [data]);

  // Typing updates the box at once and the URL (and the query) after a pause.
  const commitSearch = useCallback((q: string) => void setParams({ q }), [setParams]);
  const [text, setText, settleText] = useDebouncedSearch(params.q, commitSearch);

  // Load the next page when the end of the table comes near.
  const sentinel = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = sentinel.current;
    if (!el || !hasNextPage) return;
    const io = new IntersectionObserver(
      (entries) => {
        if (entries.some((e) => e.isIntersecting) && !isFetchingNextPage) void fetchNextPage();
      },
      { rootMargin: "600px 0px" },
    );
    io.observe(el);
    return () => io.disconnect();
  }, [hasNextPage, isFetchingNextPage, fetchNextPage]);

  const filtered = !!(params.q.trim() || params.vendor.length);

  return (
    <div className="space-y-4">
      <div role="toolbar" aria-label="Contact filters" className="flex flex-wrap items-center gap-2">
        <SearchBox
          label="Search contacts"
          placeholder="Search name, email or company…"
          value={text}
          onValueChange={setText}
          slashToFocus
          escape="clear"
          className="sm:w-80"
          inputClassName="h-9"
        />
        <FacetButtons
          label="Vendor"
          allLabel="All vendors"
          options={VENDORS}
          selected={params.vendor}
          labelOf={(v) => VENDOR_LABELS[v]}
          icon={(v) => <VendorDot vendor={v} />}
          onChange={(vendor) => void setParams({ vendor }, { history: "push" })}
        />
        <p className="ml-auto text-xs text-muted-foreground" aria-live="polite">
          {filtered
            ? `${rows.length.toLocaleString("en-GB")}${hasNextPage ? "+" : ""} matching`
            : `${total.toLocaleString("en-GB")} people`}{" "}
          · most recent activity first
        </p>
      </div>

      {isError ? (
        <LoadError title="Contacts could not be loaded" error={error} onRetry={() => void refetch()} />
      ) : rows.length === 0 && !isPlaceholderData ? (
        <EmptyState
          icon={SearchX}
          title={params.q.trim() ? `No one matches “${params.q.trim()}”` : "No one matches these filters"}
          action={
            <Button
              variant="secondary"
              onClick={() => {
                settleText("");
                void setParams({ q: "", vendor: [] }, { history: "push" });
              }}
            >
              Clear search and filters
            </Button>
          }
        >
          Search looks in names, email addresses and company names. Try fewer letters, or another vendor.
        </EmptyState>
      ) : (
        <div
          className={cn(
            "overflow-hidden rounded-xl border bg-card shadow-xs transition-opacity",
            isPlaceholderData && "opacity-60",
          )}
          aria-busy={isPlaceholderData || isFetchingNextPage}
        >
          <table className="w-full table-fixed text-sm">
            <caption className="sr-only">Contacts, most recent activity first</caption>
            {/* Phones: name (with email and vendors under it), last activity and open tasks. Hidden
                cells take no column, so those three fill the first three columns: the widths are
                positional, and the last four columns take none. */}
            <colgroup>
              <col className="w-[18%] max-sm:w-[54%]" />
              <col className="w-[21%] max-sm:w-[28%]" />
              <col className="w-[15%] max-sm:w-[18%]" />
              <col className="w-[20%] max-sm:w-0" />
              <col className="w-[10%] max-sm:w-0" />
              <col className="w-[8%] max-sm:w-0" />
              <col className="w-[8%] max-sm:w-0" />
            </colgroup>
            <TableHead
              className="border-b bg-muted/40 text-left text-xs font-medium text-muted-foreground"
              cellClassName="px-3 py-2.5 font-medium"
              cells={[
                { label: "Name", className: "px-4" },
                { label: "Email", className: PHONE_HIDDEN },
                { label: "Company", className: PHONE_HIDDEN },
                { label: "Vendors", className: PHONE_HIDDEN },
                {
                  label: (
                    <span className="inline-flex items-center gap-1">
                      Last activity <ArrowDown aria-hidden className="size-3" />
                    </span>
                  ),
                  sort: "descending",
                },
                { label: "Activities", className: cn("text-right whitespace-nowrap", PHONE_HIDDEN) },
                {
                  label: (
                    <>
                      <span className="max-sm:sr-only">Open tasks</span>
                      <span aria-hidden className="sm:hidden">
                        Tasks
                      </span>
                    </>
                  ),
                  className: "px-4 text-right whitespace-nowrap max-sm:px-3",
                },
              ]}
            />
            <tbody className="divide-y">
              {rows.map((c) => (
                <tr key={c.id} className="h-12 transition-colors hover:bg-muted/40">
                  <td className="truncate px-4 max-sm:py-2">
                    <Link
                      href={`/contacts/${encodeURIComponent(c.id)}`}
                      className="font-medium hover:underline focus-visible:underline"
                    >
                      {displayName(c)}
                    </Link>
                    {/* On a phone the email and vendor columns are hidden: they show here. */}
                    <span className="block truncate text-xs text-muted-foreground sm:hidden">
                      {c.email ?? c.company ?? ""}
                    </span>
                    <VendorList vendors={c.vendors} className="mt-0.5 gap-x-2 sm:hidden" />
                  </td>
                  <td className={cn("truncate px-3 text-muted-foreground", PHONE_HIDDEN)} title={c.email ?? undefined}>
                    {c.email ?? "—"}
                  </td>
                  <td className={cn("truncate px-3", PHONE_HIDDEN)} title={c.company ?? undefined}>
                    {c.company ?? <span className="text-muted-foreground">—</span>}
                  </td>
                  <td className={cn("px-3", PHONE_HIDDEN)}>
                    <VendorList
                      vendors={c.vendors}
                      className="max-h-10 gap-x-2.5 gap-y-0.5 overflow-hidden leading-tight"
                    />
                  </td>
                  <td className="truncate px-3 text-muted-foreground">
                    {c.lastActivityAt ? <RelativeTime iso={c.lastActivityAt} /> : "never"}
                    {c.upcomingAt ? (
                      <span className="block text-xs">
                        upcoming <RelativeTime iso={c.upcomingAt} />
                      </span>
                    ) : null}
                  </td>
                  <td className={cn("px-3 text-right tabular-nums", PHONE_HIDDEN)}>
                    {c.activityCount.toLocaleString("en-GB")}
                  </td>
                  <td className="px-4 text-right tabular-nums max-sm:px-3">
                    {c.openTaskCount ? (
                      <Badge variant="warning">{c.openTaskCount}</Badge>
                    ) : (
                      <span className="text-muted-foreground">0</span>
                    )}
                  </td>
                </tr>
              ))}
              {isFetchingNextPage
                ? Array.from({ length: 3 }, (_, i) => (
                    <tr key={`s${i}`} className="h-12" aria-hidden>
                      {Array.from({ length: 7 }, (_, j) => (
                        <td key={j} className={cn("px-3", [1, 2, 3, 5].includes(j) && PHONE_HIDDEN)}>
                          <Skeleton className="h-3.5 w-3/4" />
                        </td>
                      ))}
                    </tr>
                  ))
                : null}
            </tbody>
          </table>
          <div ref={sentinel} />
          {hasNextPage ? (
            <div className="border-t p-2 text-center">
              <Button variant="ghost" size="sm" onClick={() => void fetchNextPage()} disabled={isFetchingNextPage}>
                {isFetchingNextPage ? "Loading…" : "Show more"}
              </Button>
            </div>
          ) : null}
        </div>
      )}
    </div>
  );
}

/** A contact's vendors as dot + name, wrapping. */
function VendorList({ vendors, className }: { vendors: readonly Vendor[]; className?: string }) {
  return (
    <span className={cn("flex flex-wrap items-center text-xs", className)}>
      {vendors.map((v) => (
        <span key={v} className="inline-flex items-center gap-1 whitespace-nowrap">
          <VendorDot vendor={v} />
          {VENDOR_LABELS[v]}
        </span>
      ))}
    </span>
  );
}
