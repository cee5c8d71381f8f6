"use client";

import type { ColumnDef } from "@tanstack/react-table";
import { RelativeTime } from "@/components/ui/relative-time";
import { VendorBadge } from "@/components/ui/vendor-badge";
import type { CampaignListItem } from "@/lib/model/engagement";
import { CampaignLink } from "./campaign-link";
import { fmtInt } from "./format";
import { CompletenessNote } from "./completeness-note";
import { Rate, RATE_BASES } from "./rate";
import { Sparkline } from "./sparkline";
import { CampaignStatusBadge } from "./status-badge";

export type CampaignRow = CampaignListItem & { sparkline: number[] };

/** Right-aligned, monospaced columns. (Not in column meta: the tasks table owns that type's shape.) */
export const NUMERIC = new Set(["sent", "delivered", "open", "click", "reply", "bounce", "interested"]);
/** Columns a phone (< sm) hides: the campaign cell shows their badges under the name instead. */
export const PHONE_HIDDEN = new Set(["vendor", "status"]);

const rateValue = (k: "open" | "click" | "reply" | "bounce") => (r: CampaignRow) => r.rates[k] ?? -1;

/** The campaigns table's columns (the shadcn tasks-example way: one file, rendering only). */
export function campaignColumns(): ColumnDef<CampaignRow>[] {
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
          <CampaignLink campaign={row.original} />
          {/* On a phone the vendor and status columns are hidden (PHONE_HIDDEN): they show here. */}
          <div className="flex flex-wrap gap-1 sm:hidden">
            <VendorBadge vendor={row.original.vendor} />
            <CampaignStatusBadge status={row.original.status} vendorStatus={row.original.vendorStatus} />
          </div>
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
