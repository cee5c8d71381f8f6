"use client";

import { Reply } from "lucide-react";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { VendorDot } from "@/components/ui/vendor-badge";
import { KIND_LABELS, REPLY_KINDS, TIMELINE_KIND_GROUPS, type TimelineKind } from "@/lib/model/plain/timeline";
import type { TimelineFacets } from "@/lib/model/timeline";
import { VENDORS, VENDOR_LABELS, type Vendor } from "@/lib/model/vendor";
import { DATE_PRESETS } from "./date-presets";
import { FacetOption } from "@/components/filters/popover";
import type { TimelineFilterState } from "./timeline-toolbar";

// The timeline toolbar's panel contents, loaded on first open (see timeline-toolbar.tsx).

interface PanelProps {
  filters: TimelineFilterState;
  onChange(patch: Partial<TimelineFilterState>): void;
}

const fmt = (n: number | undefined) => (n === undefined ? undefined : n);

export function VendorPanel({ filters, onChange, facets }: PanelProps & { facets: TimelineFacets | undefined }) {
  const vendorCount = (v: Vendor) => facets?.vendors[v] ?? 0;
  return (
    <>
      <div role="group" aria-label="Vendors" className="space-y-0.5">
        {VENDORS.map((v) => (
          <FacetOption
            key={v}
            label={VENDOR_LABELS[v]}
            icon={<VendorDot vendor={v} />}
            count={fmt(vendorCount(v))}
            checked={filters.vendors.includes(v)}
            onChange={(on) =>
              onChange({ vendors: on ? [...filters.vendors, v] : filters.vendors.filter((x) => x !== v) })
            }
          />
        ))}
      </div>
      {filters.vendors.length ? <ClearRow onClear={() => onChange({ vendors: [] })} /> : null}
    </>
  );
}

export function KindPanel({
  filters,
  onChange,
  facets,
  repliesOnly,
}: PanelProps & { facets: TimelineFacets | undefined; repliesOnly: boolean }) {
  const kindCount = (k: TimelineKind) => facets?.kinds[k] ?? 0;
  return (
    <>
      <div className="mb-2 flex gap-2 border-b px-1 pb-2">
        <Button
          size="sm"
          variant={repliesOnly ? "default" : "secondary"}
          className="h-7 flex-1"
          aria-pressed={repliesOnly}
          onClick={() => onChange({ kinds: repliesOnly ? [] : [...REPLY_KINDS] })}
        >
          <Reply aria-hidden />
          Replies only
        </Button>
        <Button
          size="sm"
          variant="ghost"
          className="h-7"
          disabled={!filters.kinds.length}
          onClick={() => onChange({ kinds: [] })}
        >
          All kinds
        </Button>
      </div>
      <div className="max-h-96 space-y-1 overflow-y-auto">
        {TIMELINE_KIND_GROUPS.map((g) => {
          const kinds = g.kinds as readonly TimelineKind[];
          const selected = kinds.filter((k) => filters.kinds.includes(k));
          const total = kinds.reduce((n, k) => n + kindCount(k), 0);
          const visibleKinds =
            kinds.length > 1 ? kinds.filter((k) => kindCount(k) > 0 || filters.kinds.includes(k)) : [];
          return (
            <div key={g.key} role="group" aria-label={g.label}>
              <FacetOption
                label={<span className="font-medium">{g.label}</span>}
                count={total}
                checked={selected.length === kinds.length}
                indeterminate={selected.length > 0}
                onChange={(on) =>
                  onChange({
                    kinds: on
                      ? [...new Set([...filters.kinds, ...kinds])]
                      : filters.kinds.filter((k) => !kinds.includes(k)),
                  })
                }
              />
              {visibleKinds.map((k) => (
                <FacetOption
                  key={k}
                  className="ml-5 py-1 text-xs"
                  label={KIND_LABELS[k]}
                  count={kindCount(k)}
                  checked={filters.kinds.includes(k)}
                  onChange={(on) =>
                    onChange({ kinds: on ? [...filters.kinds, k] : filters.kinds.filter((x) => x !== k) })
                  }
                />
              ))}
            </div>
          );
        })}
      </div>
    </>
  );
}

export function CampaignPanel({
  filters,
  onChange,
  campaigns,
  onDone,
}: PanelProps & { campaigns: TimelineFacets["campaigns"]; onDone(): void }) {
  return (
    <fieldset className="max-h-80 space-y-0.5 overflow-y-auto">
      <legend className="sr-only">Campaign</legend>
      {[
        {
          id: null as string | null,
          name: "All campaigns",
          vendor: null as Vendor | null,
          count: undefined as number | undefined,
        },
        ...campaigns,
      ].map((c) => (
        <label
          key={c.id ?? "all"}
          className="flex cursor-pointer items-center gap-2 rounded-md px-2 py-1.5 hover:bg-muted has-[:focus-visible]:ring-2 has-[:focus-visible]:ring-ring"
        >
          <input
            type="radio"
            name="timeline-campaign"
            className="size-4 accent-[var(--primary)] outline-none"
            checked={(filters.campaign ?? null) === c.id}
            onChange={() => {
              onChange({ campaign: c.id });
              onDone();
            }}
          />
          {c.vendor ? <VendorDot vendor={c.vendor} /> : null}
          <span className="min-w-0 flex-1 truncate">{c.name ?? c.id}</span>
          {c.count !== undefined ? (
            <span className="text-xs text-muted-foreground tabular-nums">{c.count.toLocaleString("en-GB")}</span>
          ) : null}
        </label>
      ))}
      {campaigns.length === 0 ? (
        <p className="px-2 py-2 text-xs text-muted-foreground">No campaign touches these items.</p>
      ) : null}
    </fieldset>
  );
}

export function DatePanel({ filters, onChange, today, onDone }: PanelProps & { today: string; onDone(): void }) {
  // The draft starts from the applied range each time the panel opens (it mounts with the panel).
  const [from, setFrom] = useState(filters.from ?? "");
  const [to, setTo] = useState(filters.to ?? "");
  const invalid = !!from && !!to && from > to;
  const active = !!(filters.from || filters.to);
  return (
    <>
      <div className="grid grid-cols-2 gap-1 border-b pb-2">
        {DATE_PRESETS.map((p) => {
          const r = p.range(today);
          const on = r.from === filters.from && r.to === filters.to;
          return (
            <Button
              key={p.key}
              size="sm"
              variant={on ? "default" : "ghost"}
              aria-pressed={on}
              className="h-7 justify-start"
              onClick={() => {
                onChange(r);
                onDone();
              }}
            >
              {p.label}
            </Button>
          );
        })}
        <Button
          size="sm"
          variant={!active ? "default" : "ghost"}
          aria-pressed={!active}
          className="h-7 justify-start"
          onClick={() => {
            onChange({ from: null, to: null });
            onDone();
          }}
        >
          Any date
        </Button>
      </div>
      <form
        className="space-y-2 pt-2"
        onSubmit={(e) => {
          e.preventDefault();
          if (invalid) return;
          onChange({ from: from || null, to: to || null });
          onDone();
        }}
      >
        <p className="px-1 text-xs font-medium text-muted-foreground">Custom range (inclusive, your time zone)</p>
        <div className="grid grid-cols-2 gap-2">
          <label className="space-y-1 text-xs">
            <span className="px-1">From</span>
            <Input
              type="date"
              value={from}
              max={to || undefined}
              onChange={(e) => setFrom(e.target.value)}
              className="h-8 px-2 text-xs"
              aria-invalid={invalid}
            />
          </label>
          <label className="space-y-1 text-xs">
            <span className="px-1">To</span>
            <Input
              type="date"
              value={to}
              min={from || undefined}
              onChange={(e) => setTo(e.target.value)}
              className="h-8 px-2 text-xs"
              aria-invalid={invalid}
            />
          </label>
        </div>
        {invalid ? (
          <p role="alert" className="px-1 text-xs text-destructive">
            “From” is after “To”.
          </p>
        ) : null}
        <Button type="submit" size="sm" className="w-full" disabled={invalid || (!from && !to)}>
          Apply range
        </Button>
      </form>
    </>
  );
}

function ClearRow({ onClear }: { onClear(): void }) {
  return (
    <div className="mt-1 border-t pt-1">
      <Button variant="ghost" size="sm" className="w-full justify-center" onClick={onClear}>
        Clear
      </Button>
    </div>
  );
}
