"use client";

import { Reply } from "@/components/ui/icons";
import { Button } from "@/components/ui/button";
import { VendorDot } from "@/components/ui/vendor-badge";
import { KIND_LABELS, REPLY_KINDS, TIMELINE_KIND_GROUPS, type TimelineKind } from "@/lib/model/plain/timeline";
import type { TimelineFacets } from "@/lib/model/timeline";
import { VENDORS, VENDOR_LABELS, type Vendor } from "@/lib/model/vendor";
import { DATE_PRESETS } from "./date-presets";
import { DateRangeForm } from "@/components/filters/date-range-form";
import { FacetList } from "@/components/filters/facet-list";
import { isCalendarDate } from "@/lib/dates/calendar";
import { FacetOption } from "@/components/filters/popover";
import type { TimelineFilterState } from "./timeline-toolbar";

// The timeline toolbar's panel contents, loaded on first open (see timeline-toolbar.tsx).

interface PanelProps {
  filters: TimelineFilterState;
  onChange(patch: Partial<TimelineFilterState>): void;
}

export function VendorPanel({ filters, onChange, facets }: PanelProps & { facets: TimelineFacets | undefined }) {
  return (
    <FacetList
      title="Vendors"
      options={VENDORS.map((v) => ({ value: v, label: VENDOR_LABELS[v], count: facets?.vendors[v] ?? 0 }))}
      selected={filters.vendors}
      onChange={(vendors) => onChange({ vendors: vendors as Vendor[] })}
      icon={(v) => <VendorDot vendor={v as Vendor} />}
      loading={!facets}
    />
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
      <div className="pt-2">
        <p className="pb-2 text-xs font-medium text-muted-foreground">Custom range (your time zone)</p>
        <DateRangeForm
          from={filters.from && isCalendarDate(filters.from) ? filters.from : null}
          to={filters.to && isCalendarDate(filters.to) ? filters.to : null}
          today={today}
          onApply={(r) => {
            onChange(r);
            onDone();
          }}
        />
      </div>
    </>
  );
}
