"use client";

import {
  flexRender,
  getCoreRowModel,
  getSortedRowModel,
  useReactTable,
  type RowSelectionState,
  type SortingState,
} from "@tanstack/react-table";
import { GitCompareArrows, SearchX, X } from "@/components/ui/icons";
import Link from "next/link";
import { useQueryStates } from "nuqs";
import { useMemo, useState } from "react";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { ariaSort, SortButton } from "@/components/ui/sort-arrow";
import { CAMPAIGN_STATUSES } from "@/lib/model/plain/campaign";
import type { Campaign } from "@/lib/model/campaign";
import { VENDOR_LABELS, VENDORS, type Vendor } from "@/lib/model/vendor";
import { cn } from "@/lib/utils";
import { FacetButtons } from "@/components/filters/facet-buttons";
import { SearchBox } from "@/components/filters/search-box";
import { campaignColumns, NUMERIC, PHONE_HIDDEN, type CampaignRow } from "./campaign-columns";
import { HintProvider } from "./rate";
import { campaignListParams, type CampaignSort } from "./search-params";
import { STATUS_LABELS } from "./status-badge";

export type { CampaignRow } from "./campaign-columns";

/** Every campaign from every vendor: sortable, filterable (in the URL), selectable for a side-by-side compare. */
export function CampaignsTable({ rows }: { rows: CampaignRow[] }) {
  // Choices push a history entry; typing in the search box replaces it (the rule of every page).
  const [params, setParams] = useQueryStates(campaignListParams, { history: "push" });
  const [selection, setSelection] = useState<RowSelectionState>({});

  // The list filters in the browser as you type (every campaign is on the page), so the
  // search box writes the URL at once, replacing the entry.
  const q = params.q.trim().toLowerCase();
  // Depend on the filters' values, not on the arrays (parsed afresh from the URL): a new
  // `data` array on every render would make the table reset its state in a loop.
  const vendorKey = params.vendor.join(",");
  const statusKey = params.status.join(",");
  const textMatches = useMemo(
    () => rows.filter((r) => !q || `${r.name} ${r.id} ${VENDOR_LABELS[r.vendor]}`.toLowerCase().includes(q)),
    [rows, q],
  );
  const filtered = useMemo(
    () => textMatches.filter((r) => picked(vendorKey, r.vendor) && picked(statusKey, r.status)),
    [textMatches, vendorKey, statusKey],
  );
  // Facet counts honour the other filters, so a count says what a click would show.
  const counts = useMemo(
    () => ({
      vendor: count(textMatches, "vendor", (r) => picked(statusKey, r.status)),
      status: count(textMatches, "status", (r) => picked(vendorKey, r.vendor)),
    }),
    [textMatches, vendorKey, statusKey],
  );

  const sorting: SortingState = [{ id: params.sort, desc: params.dir === "desc" }];
  const cols = useMemo(campaignColumns, []);
  // eslint-disable-next-line react-hooks/incompatible-library -- TanStack Table returns fresh functions by design.
  const table = useReactTable({
    data: filtered,
    columns: cols,
    getRowId: (r) => r.id,
    state: { sorting, rowSelection: selection },
    onRowSelectionChange: setSelection,
    onSortingChange: (updater) => {
      const next = typeof updater === "function" ? updater(sorting) : updater;
      const s = next[0];
      void setParams(s ? { sort: s.id as CampaignSort, dir: s.desc ? "desc" : "asc" } : { sort: null, dir: null });
    },
    enableSortingRemoval: false,
    autoResetAll: false, // no pagination or expansion to reset; filters come from the URL
    getCoreRowModel: getCoreRowModel(),
    getSortedRowModel: getSortedRowModel(),
  });

  const selected = rows.filter((r) => selection[r.id]);
  const filtersOn = !!q || params.vendor.length > 0 || params.status.length > 0;

  return (
    <HintProvider>
      <div className="space-y-4">
        <div className="flex flex-wrap items-center gap-x-5 gap-y-3">
          <SearchBox
            label="Search campaigns"
            placeholder="Search campaigns…"
            value={params.q}
            onValueChange={(q) => void setParams({ q: q || null }, { history: "replace" })}
            slashToFocus
            className="sm:w-64"
          />
          <FacetButtons
            label="Vendor"
            options={VENDORS}
            selected={params.vendor}
            counts={counts.vendor}
            labelOf={(v: Vendor) => VENDOR_LABELS[v]}
            onChange={(vendor) => void setParams({ vendor })}
          />
          <FacetButtons
            label="Status"
            options={CAMPAIGN_STATUSES}
            selected={params.status}
            counts={counts.status}
            labelOf={(s: Campaign["status"]) => STATUS_LABELS[s]}
            onChange={(status) => void setParams({ status })}
          />
          {filtersOn ? (
            <Button variant="ghost" size="sm" onClick={() => void setParams({ q: null, vendor: null, status: null })}>
              <X aria-hidden /> Clear filters
            </Button>
          ) : null}
          <div className="ml-auto flex items-center gap-2">
            <span className="text-xs text-muted-foreground" aria-live="polite">
              {selected.length ? `${selected.length} selected` : "Select campaigns to compare them"}
            </span>
            {selected.length >= 2 ? (
              <Button asChild size="sm">
                <Link href={`/campaigns/compare?ids=${selected.map((r) => encodeURIComponent(r.id)).join(",")}`}>
                  <GitCompareArrows aria-hidden /> Compare {selected.length}
                </Link>
              </Button>
            ) : (
              <Button size="sm" disabled>
                <GitCompareArrows aria-hidden /> Compare
              </Button>
            )}
          </div>
        </div>

        {filtered.length === 0 ? (
          <EmptyState
            icon={SearchX}
            title="No campaign matches these filters"
            action={
              <Button variant="secondary" onClick={() => void setParams({ q: null, vendor: null, status: null })}>
                Clear filters
              </Button>
            }
          >
            {rows.length} campaigns in all. Try another word, or another vendor or status.
          </EmptyState>
        ) : (
          <div className="relative overflow-x-auto rounded-xl border bg-card shadow-xs">
            <table className="w-full text-sm">
              <caption className="sr-only">Campaigns, {filtered.length} shown. Rates exclude machine opens.</caption>
              <thead className="border-b bg-muted/40 text-xs text-muted-foreground">
                {table.getHeaderGroups().map((hg) => (
                  <tr key={hg.id}>
                    {hg.headers.map((h) => {
                      const numeric = NUMERIC.has(h.column.id);
                      const dir = h.column.getIsSorted();
                      return (
                        <th
                          key={h.id}
                          scope="col"
                          aria-sort={ariaSort(dir)}
                          className={cn(
                            "px-2 py-2 font-medium first:pl-4",
                            numeric ? "text-right" : "text-left whitespace-nowrap",
                            h.id === "select" && "w-8",
                            PHONE_HIDDEN.has(h.column.id) && "max-sm:hidden",
                          )}
                        >
                          {h.column.getCanSort() ? (
                            <SortButton
                              sorted={dir}
                              onClick={h.column.getToggleSortingHandler()}
                              className={cn(
                                "rounded-sm outline-none hover:text-foreground focus-visible:ring-2 focus-visible:ring-ring/50",
                                numeric && "flex-row-reverse",
                              )}
                            >
                              {flexRender(h.column.columnDef.header, h.getContext())}
                            </SortButton>
                          ) : (
                            flexRender(h.column.columnDef.header, h.getContext())
                          )}
                        </th>
                      );
                    })}
                  </tr>
                ))}
              </thead>
              <tbody>
                {table.getRowModel().rows.map((row) => (
                  <tr
                    key={row.id}
                    data-state={row.getIsSelected() ? "selected" : undefined}
                    className="border-b last:border-0 hover:bg-muted/40 data-[state=selected]:bg-primary/5"
                  >
                    {row.getVisibleCells().map((cell) => {
                      const numeric = NUMERIC.has(cell.column.id);
                      return (
                        <td
                          key={cell.id}
                          className={cn(
                            "px-2 py-2.5 first:pl-4",
                            numeric && "text-right whitespace-nowrap tabular-nums",
                            PHONE_HIDDEN.has(cell.column.id) && "max-sm:hidden",
                          )}
                        >
                          {flexRender(cell.column.columnDef.cell, cell.getContext())}
                        </td>
                      );
                    })}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </div>
    </HintProvider>
  );
}

/** Whether a facet (its picked values joined by commas) lets a value through: all do when none is picked. */
const picked = (facetKey: string, value: string) => !facetKey || facetKey.split(",").includes(value);

/** How many of the items `where` lets through have each value of a field. */
function count<T, F extends keyof T>(items: T[], field: F, where: (t: T) => boolean): Map<T[F], number> {
  const m = new Map<T[F], number>();
  for (const i of items) if (where(i)) m.set(i[field], (m.get(i[field]) ?? 0) + 1);
  return m;
}
