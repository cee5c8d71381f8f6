"use client";

import {
  flexRender,
  getCoreRowModel,
  getSortedRowModel,
  useReactTable,
  type ColumnDef,
  type RowSelectionState,
  type SortingState,
} from "@tanstack/react-table";
import { ArrowDown, ArrowUp, ArrowUpDown, GitCompareArrows, SearchX, X } from "lucide-react";
import Link from "next/link";
import { useQueryStates } from "nuqs";
import { useMemo, useState } from "react";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { Input } from "@/components/ui/input";
import { RelativeTime } from "@/components/ui/relative-time";
import { VendorBadge } from "@/components/ui/vendor-badge";
import { CAMPAIGN_STATUSES } from "@/lib/model/plain/campaign";
import type { Campaign } from "@/lib/model/campaign";
import type { CampaignListItem } from "@/lib/model/engagement";
import { VENDOR_LABELS, VENDORS, type Vendor } from "@/lib/model/vendor";
import { cn } from "@/lib/utils";
import { fmtInt } from "./format";
import { CompletenessNote } from "./completeness-note";
import { HintProvider, Rate, RATE_BASES } from "./rate";
import { campaignListParams, type CampaignSort } from "./search-params";
import { Sparkline } from "./sparkline";
import { CampaignStatusBadge, STATUS_LABELS } from "./status-badge";

export type CampaignRow = CampaignListItem & { sparkline: number[] };

/** Right-aligned, monospaced columns. (Not in column meta: the tasks table owns that type's shape.) */
const NUMERIC = new Set(["sent", "delivered", "open", "click", "reply", "bounce", "interested"]);

const rateValue = (k: "open" | "click" | "reply" | "bounce") => (r: CampaignRow) => r.rates[k] ?? -1;

function columns(): ColumnDef<CampaignRow>[] {
  return [
    {
      id: "select",
      enableSorting: false,
      header: ({ table }) => (
        <input
          type="checkbox"
          aria-label="Select every campaign shown"
          className="size-4 accent-[var(--primary)]"
          checked={table.getIsAllRowsSelected()}
          ref={(el) => {
            if (el) el.indeterminate = table.getIsSomeRowsSelected();
          }}
          onChange={table.getToggleAllRowsSelectedHandler()}
        />
      ),
      cell: ({ row }) => (
        <input
          type="checkbox"
          aria-label={`Select ${row.original.name}`}
          className="size-4 accent-[var(--primary)]"
          checked={row.getIsSelected()}
          onChange={row.getToggleSelectedHandler()}
        />
      ),
    },
    {
      id: "name",
      accessorKey: "name",
      header: "Campaign",
      cell: ({ row }) => (
        <div className="grid min-w-40 justify-items-start gap-1">
          <Link
            href={`/campaigns/${encodeURIComponent(row.original.id)}`}
            className="font-medium underline-offset-4 hover:underline focus-visible:underline"
          >
            {row.original.name}
          </Link>
          <CompletenessNote completeness={row.original.completeness} compact />
        </div>
      ),
    },
    {
      id: "vendor",
      accessorKey: "vendor",
      header: "Vendor",
      cell: ({ row }) => <VendorBadge vendor={row.original.vendor} />,
    },
    {
      id: "status",
      accessorKey: "status",
      header: "Status",
      cell: ({ row }) => <CampaignStatusBadge status={row.original.status} vendorStatus={row.original.vendorStatus} />,
    },
    {
      id: "sent",
      accessorFn: (r) => r.totals.sent,
      header: "Sent",
      cell: ({ getValue }) => fmtInt(getValue<number>()),
    },
    {
      id: "delivered",
      accessorFn: (r) => r.totals.delivered,
      header: "Delivered",
      cell: ({ getValue }) => fmtInt(getValue<number>()),
    },
    ...(["open", "click", "reply", "bounce"] as const).map((k): ColumnDef<CampaignRow> => ({
      id: k,
      accessorFn: rateValue(k),
      header: `${k[0]!.toUpperCase()}${k.slice(1)} rate (${RATE_BASES[k]})`,
      cell: ({ row }) => (
        <Rate
          rate={k}
          value={row.original.rates[k]}
          counts={row.original.totals}
          partial={row.original.completeness.reason}
        />
      ),
    })),
    {
      id: "interested",
      accessorFn: (r) => r.totals.interested,
      header: "Interested",
      cell: ({ getValue }) => fmtInt(getValue<number>()),
    },
    {
      id: "sparkline",
      enableSorting: false,
      header: "Replies, 30 d",
      cell: ({ row }) => {
        const total = row.original.sparkline.reduce((a, b) => a + b, 0);
        return (
          <Sparkline
            values={row.original.sparkline}
            label={`${row.original.name}: ${total} ${total === 1 ? "reply" : "replies"} in the last 30 days`}
          />
        );
      },
    },
    {
      id: "lastActivityAt",
      accessorFn: (r) => r.lastActivityAt ?? "",
      header: "Last activity",
      cell: ({ row }) =>
        row.original.lastActivityAt ? (
          <RelativeTime iso={row.original.lastActivityAt} className="whitespace-nowrap text-muted-foreground" />
        ) : (
          <span className="text-muted-foreground">—</span>
        ),
    },
  ];
}

function FacetButtons<T extends string>({
  label,
  options,
  selected,
  counts,
  labelOf,
  onChange,
}: {
  label: string;
  options: readonly T[];
  selected: T[];
  counts: Map<T, number>;
  labelOf: (v: T) => string;
  onChange: (next: T[]) => void;
}) {
  return (
    <div role="group" aria-label={label} className="flex flex-wrap items-center gap-1.5">
      <span className="mr-1 text-xs font-medium text-muted-foreground">{label}</span>
      {options
        .filter((o) => (counts.get(o) ?? 0) > 0 || selected.includes(o))
        .map((o) => {
          const on = selected.includes(o);
          return (
            <button
              key={o}
              type="button"
              aria-pressed={on}
              onClick={() => onChange(on ? selected.filter((s) => s !== o) : [...selected, o])}
              className={cn(
                "inline-flex h-7 items-center gap-1.5 rounded-md border px-2 text-xs font-medium transition-colors outline-none focus-visible:ring-2 focus-visible:ring-ring/50",
                on
                  ? "border-primary/40 bg-primary/10 text-foreground"
                  : "bg-card text-muted-foreground hover:text-foreground",
              )}
            >
              {labelOf(o)}
              <span className="font-mono text-[0.7rem] text-muted-foreground tabular-nums">{counts.get(o) ?? 0}</span>
            </button>
          );
        })}
    </div>
  );
}

/** Every campaign from every vendor: sortable, filterable (in the URL), selectable for a side-by-side compare. */
export function CampaignsTable({ rows }: { rows: CampaignRow[] }) {
  // Choices push a history entry; typing in the search box replaces it (the rule of every page).
  const [params, setParams] = useQueryStates(campaignListParams, { history: "push" });
  const [selection, setSelection] = useState<RowSelectionState>({});

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
    () =>
      textMatches.filter(
        (r) =>
          (!vendorKey || vendorKey.split(",").includes(r.vendor)) &&
          (!statusKey || statusKey.split(",").includes(r.status)),
      ),
    [textMatches, vendorKey, statusKey],
  );
  // Facet counts honour the other filters, so a count says what a click would show.
  const vendorCounts = useMemo(
    () =>
      count(
        textMatches.filter((r) => !statusKey || statusKey.split(",").includes(r.status)),
        (r) => r.vendor,
      ),
    [textMatches, statusKey],
  );
  const statusCounts = useMemo(
    () =>
      count(
        textMatches.filter((r) => !vendorKey || vendorKey.split(",").includes(r.vendor)),
        (r) => r.status,
      ),
    [textMatches, vendorKey],
  );

  const sorting: SortingState = [{ id: params.sort, desc: params.dir === "desc" }];
  const cols = useMemo(columns, []);
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
          <Input
            type="search"
            value={params.q}
            onChange={(e) => void setParams({ q: e.target.value || null }, { history: "replace" })}
            placeholder="Search campaigns…"
            aria-label="Search campaigns"
            className="h-8 w-64"
          />
          <FacetButtons
            label="Vendor"
            options={VENDORS}
            selected={params.vendor}
            counts={vendorCounts}
            labelOf={(v: Vendor) => VENDOR_LABELS[v]}
            onChange={(vendor) => void setParams({ vendor })}
          />
          <FacetButtons
            label="Status"
            options={CAMPAIGN_STATUSES}
            selected={params.status}
            counts={statusCounts}
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
                          aria-sort={dir === "asc" ? "ascending" : dir === "desc" ? "descending" : undefined}
                          className={cn(
                            "px-2 py-2 font-medium first:pl-4",
                            numeric ? "text-right" : "text-left whitespace-nowrap",
                            h.id === "select" && "w-8",
                          )}
                        >
                          {h.column.getCanSort() ? (
                            <button
                              type="button"
                              onClick={h.column.getToggleSortingHandler()}
                              className={cn(
                                "inline-flex items-center gap-1 rounded-sm outline-none hover:text-foreground focus-visible:ring-2 focus-visible:ring-ring/50",
                                numeric && "flex-row-reverse",
                              )}
                            >
                              {flexRender(h.column.columnDef.header, h.getContext())}
                              {dir === "asc" ? (
                                <ArrowUp className="size-3.5" aria-hidden />
                              ) : dir === "desc" ? (
                                <ArrowDown className="size-3.5" aria-hidden />
                              ) : (
                                <ArrowUpDown className="size-3.5 opacity-40" aria-hidden />
                              )}
                            </button>
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

function count<T, K>(items: T[], key: (t: T) => K): Map<K, number> {
  const m = new Map<K, number>();
  for (const i of items) m.set(key(i), (m.get(key(i)) ?? 0) + 1);
  return m;
}
