"use client";

import { useInfiniteQuery } from "@tanstack/react-query";
import { History } from "@/components/ui/icons";
import { auditQueryOptions } from "@/components/connections/queries";
import { numberFormat } from "@/components/connections/status";
import { Badge } from "@/components/ui/badge";
import { EmptyState } from "@/components/ui/empty-state";
import { PendingButton } from "@/components/ui/pending-button";
import { RelativeTime } from "@/components/ui/relative-time";
import { SectionHeading } from "@/components/ui/section-heading";
import { TableHead, Td } from "@/components/ui/table-head";
import { VendorDot } from "@/components/ui/vendor-badge";
import type { AuditEntry } from "@/lib/model/auth";
import { describeHorizon, formatDay, type HorizonValue } from "@/lib/model/plain/history";
import { VENDOR_LABELS, VENDORS, type Vendor } from "@/lib/model/vendor";
import { ScrollRegion } from "@/components/ui/scroll-region";

type Variant = "default" | "muted" | "success" | "warning" | "destructive";

const str = (v: unknown) => (typeof v === "string" ? v : null);
const num = (v: unknown) => (typeof v === "number" ? v : null);

/** An audit entry in words. Details hold ids, counts and messages — never a key. */
export function describeAudit(e: AuditEntry): { title: string; detail: string | null; variant: Variant } {
  const d = e.detail;
  const vendor =
    e.vendor && (VENDORS as readonly string[]).includes(e.vendor)
      ? VENDOR_LABELS[e.vendor as Vendor]
      : (e.vendor ?? "the vendor");
  switch (e.event) {
    case "created":
      return { title: d.demo ? "Demo connection added" : "Connection added", detail: null, variant: "default" };
    case "tested":
      return d.result === "accepted"
        ? { title: "Key tested", detail: `${vendor} accepted the key`, variant: "success" }
        : {
            title: "Key test failed",
            detail: `${vendor} did not accept the key${str(d.label) ? ` for “${str(d.label)}”` : ""}; nothing was saved`,
            variant: "warning",
          };
    case "renamed":
      return { title: "Renamed", detail: `from “${str(d.from) ?? "?"}” to “${str(d.label) ?? "?"}”`, variant: "muted" };
    case "settings_changed": {
      const l = (d.dailyBudget ?? {}) as { plan?: unknown; scheduledShare?: unknown };
      const parts = [
        str(l.plan) ? `plan: ${str(l.plan)}` : null,
        num(l.scheduledShare) !== null
          ? `scheduled syncs: ${Math.round(num(l.scheduledShare)! * 100)} % of the day`
          : null,
        d.history && typeof d.history === "object" ? `history: ${describeHorizon(d.history as HorizonValue)}` : null,
      ].filter(Boolean);
      return { title: "Settings changed", detail: parts.join(", ") || null, variant: "muted" };
    }
    case "pruned":
      return {
        title: "History pruned",
        detail: `${numberFormat.format(num(d.activities) ?? 0)} activities before ${str(d.before) ? formatDay(str(d.before)!) : "the horizon"} removed`,
        variant: "warning",
      };
    case "key_replaced":
      return { title: "API key replaced", detail: str(d.keyHint) ? `now ${str(d.keyHint)}` : null, variant: "default" };
    case "synced": {
      const rows = num(d.rows);
      const skipped = num(d.skipped);
      return {
        title: "Synced",
        detail:
          `${rows === null ? "" : `${numberFormat.format(rows)} rows`}${skipped ? `, ${numberFormat.format(skipped)} unreadable rows skipped` : ""}` ||
          null,
        variant: "success",
      };
    }
    case "sync_failed":
      return { title: "Sync failed", detail: str(d.error), variant: "destructive" };
    case "removed":
      return { title: "Connection removed", detail: "with its key and synced data", variant: "destructive" };
    case "admin_created":
      return { title: "First admin created", detail: null, variant: "default" };
    case "signed_in":
      return { title: "Signed in", detail: null, variant: "muted" };
    case "token_created":
      return { title: "API token created", detail: str(d.name) ? `“${str(d.name)}”` : null, variant: "default" };
    case "token_revoked":
      return { title: "API token revoked", detail: str(d.name) ? `“${str(d.name)}”` : null, variant: "warning" };
    default:
      return { title: e.event.replace(/_/g, " "), detail: null, variant: "muted" };
  }
}

/** The audit log: who did what to which connection, and when; newest first, more on demand. */
export function AuditLog({ initial }: { initial: { data: AuditEntry[]; nextCursor: string | null } }) {
  const q = useInfiniteQuery(auditQueryOptions(initial));
  const entries = q.data?.pages.flatMap((p) => p.data) ?? initial.data;
  return (
    <section aria-labelledby="audit-heading" className="space-y-4">
      <SectionHeading id="audit-heading" title="Audit log">
        Connection events (added, key tested or replaced, synced, removed), sign-ins and API tokens. Keys are never
        recorded.
      </SectionHeading>
      {entries.length === 0 ? (
        <EmptyState icon={History} title="Nothing recorded yet">
          Events appear here as soon as someone adds a connection or a sync runs.
        </EmptyState>
      ) : (
        <ScrollRegion label="Audit log" className="rounded-xl border bg-card">
          <table className="w-full text-sm">
            <caption className="sr-only">Audit log, newest first</caption>
            <TableHead
              className="border-b text-left text-xs text-muted-foreground"
              cells={[{ label: "When", className: "w-36" }, "Event", "Connection", "Who"]}
            />
            <tbody className="divide-y">
              {entries.map((e) => {
                const { title, detail, variant } = describeAudit(e);
                const vendor =
                  e.vendor && (VENDORS as readonly string[]).includes(e.vendor) ? (e.vendor as Vendor) : null;
                return (
                  <tr key={e.id} className="align-top">
                    <Td muted className="whitespace-nowrap">
                      <RelativeTime iso={e.at} />
                    </Td>
                    <Td>
                      <div className="flex flex-wrap items-center gap-2">
                        <Badge variant={variant}>{title}</Badge>
                        {detail ? <span className="text-muted-foreground">{detail}</span> : null}
                      </div>
                    </Td>
                    <Td>
                      {e.connectionLabel ? (
                        <span className="inline-flex items-center gap-1.5 whitespace-nowrap">
                          {vendor ? <VendorDot vendor={vendor} /> : null}
                          {e.connectionLabel}
                        </span>
                      ) : (
                        <span className="text-muted-foreground">—</span>
                      )}
                    </Td>
                    <Td muted>{e.actor ?? "system"}</Td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </ScrollRegion>
      )}
      {q.hasNextPage ? (
        <div className="flex justify-center">
          <PendingButton variant="secondary" onClick={() => q.fetchNextPage()} pending={q.isFetchingNextPage}>
            Show older events
          </PendingButton>
        </div>
      ) : null}
    </section>
  );
}
