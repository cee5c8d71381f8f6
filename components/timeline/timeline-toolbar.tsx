"use client";

import { Bot, CalendarRange, ChevronDown, Filter, Megaphone, Reply, Search, X } from "lucide-react";
import { useEffect, useRef, useState, type RefObject } from "react";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Kbd } from "@/components/ui/kbd";
import { VendorDot } from "@/components/ui/vendor-badge";
import { KIND_LABELS, REPLY_KINDS, TIMELINE_KIND_GROUPS, type TimelineKind } from "@/lib/model/plain/timeline";
import type { TimelineFacets } from "@/lib/model/timeline";
import { VENDORS, VENDOR_LABELS, type Vendor } from "@/lib/model/vendor";
import { cn } from "@/lib/utils";
import { DATE_PRESETS, describeRange, todayIn } from "./date-presets";
import { FacetOption, FilterPopover } from "./popover";

export interface TimelineFilterState {
  q: string;
  vendors: Vendor[];
  kinds: TimelineKind[];
  campaign: string | null;
  from: string | null;
  to: string | null;
  bots: "include" | "exclude";
}

export const EMPTY_FILTERS: TimelineFilterState = { q: "", vendors: [], kinds: [], campaign: null, from: null, to: null, bots: "include" };

export function hasActiveFilters(f: TimelineFilterState): boolean {
  return !!(f.q.trim() || f.vendors.length || f.kinds.length || f.campaign || f.from || f.to || f.bots === "exclude");
}

interface Props {
  filters: TimelineFilterState;
  onChange(patch: Partial<TimelineFilterState>, opts?: { replace?: boolean }): void;
  facets: TimelineFacets | undefined;
  tz: string;
  searchRef: RefObject<HTMLInputElement | null>;
}

const sameSet = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x) => b.includes(x));
const fmt = (n: number | undefined) => (n === undefined ? undefined : n);

function TriggerButton({ active, children, label, ...props }: { active: boolean; label: string } & React.ComponentProps<"button">) {
  return (
    <Button
      variant="secondary"
      size="sm"
      aria-label={label}
      className={cn("gap-1.5 border-dashed", active && "border-solid border-primary/50 bg-primary/5 text-foreground")}
      {...props}
    >
      {children}
      <ChevronDown aria-hidden className="size-3.5 text-muted-foreground" />
    </Button>
  );
}

export function TimelineToolbar({ filters, onChange, facets, tz, searchRef }: Props) {
  // The search box answers at once; the URL (and the query) follow 250 ms after the last keystroke.
  const [text, setText] = useState(filters.q);
  const lastSent = useRef(filters.q);
  useEffect(() => {
    if (filters.q !== lastSent.current) {
      lastSent.current = filters.q;
      setText(filters.q);
    }
  }, [filters.q]);
  useEffect(() => {
    if (text === lastSent.current) return;
    const id = setTimeout(() => {
      lastSent.current = text;
      onChange({ q: text }, { replace: true });
    }, 250);
    return () => clearTimeout(id);
  }, [text, onChange]);

  const today = todayIn(tz);
  const vendorCount = (v: Vendor) => facets?.vendors[v] ?? 0;
  const kindCount = (k: TimelineKind) => facets?.kinds[k] ?? 0;
  const repliesOnly = sameSet(filters.kinds, REPLY_KINDS);

  return (
    <div role="toolbar" aria-label="Timeline filters" className="flex flex-wrap items-center gap-2">
      <div className="relative w-full sm:w-64">
        <Search aria-hidden className="pointer-events-none absolute left-2.5 top-1/2 size-4 -translate-y-1/2 text-muted-foreground" />
        <Input
          ref={searchRef}
          type="search"
          aria-label="Search this timeline"
          placeholder="Search this timeline…"
          value={text}
          onChange={(e) => setText(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === "Escape") {
              if (text) setText("");
              else e.currentTarget.blur();
            }
          }}
          className="h-8 pl-8 pr-8"
        />
        {!text ? <Kbd className="pointer-events-none absolute right-2 top-1/2 -translate-y-1/2">/</Kbd> : null}
      </div>

      <FilterPopover
        label="Filter by vendor"
        trigger={
          <TriggerButton active={filters.vendors.length > 0} label={`Vendor${filters.vendors.length ? `: ${filters.vendors.map((v) => VENDOR_LABELS[v]).join(", ")}` : ""}`}>
            <Filter aria-hidden className="size-3.5" />
            Vendor
            {filters.vendors.length ? <SelectedSummary values={filters.vendors.map((v) => VENDOR_LABELS[v])} /> : null}
          </TriggerButton>
        }
      >
        <div role="group" aria-label="Vendors" className="space-y-0.5">
          {VENDORS.map((v) => (
            <FacetOption
              key={v}
              label={VENDOR_LABELS[v]}
              icon={<VendorDot vendor={v} />}
              count={fmt(vendorCount(v))}
              checked={filters.vendors.includes(v)}
              onChange={(on) => onChange({ vendors: on ? [...filters.vendors, v] : filters.vendors.filter((x) => x !== v) })}
            />
          ))}
        </div>
        {filters.vendors.length ? <ClearRow onClear={() => onChange({ vendors: [] })} /> : null}
      </FilterPopover>

      <FilterPopover
        label="Filter by kind"
        className="w-80"
        trigger={
          <TriggerButton active={filters.kinds.length > 0} label={`Kind${filters.kinds.length ? `: ${repliesOnly ? "replies" : kindSummary(filters.kinds).join(", ")}` : ""}`}>
            Kind
            {filters.kinds.length ? <SelectedSummary values={repliesOnly ? ["Replies"] : kindSummary(filters.kinds)} /> : null}
          </TriggerButton>
        }
      >
        <div className="mb-2 flex gap-2 border-b px-1 pb-2">
          <Button size="sm" variant={repliesOnly ? "default" : "secondary"} className="h-7 flex-1" aria-pressed={repliesOnly} onClick={() => onChange({ kinds: repliesOnly ? [] : [...REPLY_KINDS] })}>
            <Reply aria-hidden />
            Replies only
          </Button>
          <Button size="sm" variant="ghost" className="h-7" disabled={!filters.kinds.length} onClick={() => onChange({ kinds: [] })}>
            All kinds
          </Button>
        </div>
        <div className="max-h-96 space-y-1 overflow-y-auto">
          {TIMELINE_KIND_GROUPS.map((g) => {
            const kinds = g.kinds as readonly TimelineKind[];
            const selected = kinds.filter((k) => filters.kinds.includes(k));
            const total = kinds.reduce((n, k) => n + kindCount(k), 0);
            const visibleKinds = kinds.length > 1 ? kinds.filter((k) => kindCount(k) > 0 || filters.kinds.includes(k)) : [];
            return (
              <div key={g.key} role="group" aria-label={g.label}>
                <FacetOption
                  label={<span className="font-medium">{g.label}</span>}
                  count={total}
                  checked={selected.length === kinds.length}
                  indeterminate={selected.length > 0}
                  onChange={(on) => onChange({ kinds: on ? [...new Set([...filters.kinds, ...kinds])] : filters.kinds.filter((k) => !kinds.includes(k)) })}
                />
                {visibleKinds.map((k) => (
                  <FacetOption
                    key={k}
                    className="ml-5 py-1 text-xs"
                    label={KIND_LABELS[k]}
                    count={kindCount(k)}
                    checked={filters.kinds.includes(k)}
                    onChange={(on) => onChange({ kinds: on ? [...filters.kinds, k] : filters.kinds.filter((x) => x !== k) })}
                  />
                ))}
              </div>
            );
          })}
        </div>
      </FilterPopover>

      <CampaignFilter filters={filters} onChange={onChange} facets={facets} />
      <DateFilter filters={filters} onChange={onChange} today={today} />

      <label className="inline-flex h-8 cursor-pointer items-center gap-2 rounded-md border border-dashed px-2.5 text-xs font-medium has-[:checked]:border-solid has-[:checked]:border-primary/50 has-[:checked]:bg-primary/5 has-[:focus-visible]:ring-2 has-[:focus-visible]:ring-ring">
        <input
          type="checkbox"
          className="size-3.5 accent-[var(--primary)] outline-none"
          checked={filters.bots === "exclude"}
          onChange={(e) => onChange({ bots: e.target.checked ? "exclude" : "include" })}
        />
        <Bot aria-hidden className="size-3.5 text-muted-foreground" />
        Hide machine opens
        {facets ? <span className="tabular-nums text-muted-foreground">{facets.bots.toLocaleString("en-GB")}</span> : null}
      </label>

      {hasActiveFilters(filters) ? (
        <Button
          variant="ghost"
          size="sm"
          onClick={() => {
            setText("");
            lastSent.current = "";
            onChange(EMPTY_FILTERS);
          }}
        >
          <X aria-hidden />
          Reset
        </Button>
      ) : null}
    </div>
  );
}

/** Selected kinds in words: whole groups by their name ("Email"), the rest one by one. */
export function kindSummary(kinds: readonly TimelineKind[]): string[] {
  const out: string[] = [];
  const covered = new Set<TimelineKind>();
  for (const g of TIMELINE_KIND_GROUPS) {
    const ks = g.kinds as readonly TimelineKind[];
    if (ks.every((k) => kinds.includes(k))) {
      out.push(g.label);
      ks.forEach((k) => covered.add(k));
    }
  }
  for (const k of kinds) if (!covered.has(k)) out.push(KIND_LABELS[k]);
  return out;
}

function SelectedSummary({ values }: { values: string[] }) {
  return (
    <span className="ml-0.5 max-w-40 truncate rounded bg-primary/10 px-1.5 py-px text-[11px] font-medium text-primary">
      {values.length > 2 ? `${values.length} selected` : values.join(", ")}
    </span>
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

function CampaignFilter({ filters, onChange, facets }: Pick<Props, "filters" | "onChange" | "facets">) {
  const [open, setOpen] = useState(false);
  const campaigns = facets?.campaigns ?? [];
  const current = campaigns.find((c) => c.id === filters.campaign);
  const name = current?.name ?? (filters.campaign ? filters.campaign.replace(/^[^:]+:/, "") : null);
  return (
    <FilterPopover
      label="Filter by campaign"
      className="w-80"
      open={open}
      onOpenChange={setOpen}
      trigger={
        <TriggerButton active={!!filters.campaign} label={`Campaign${name ? `: ${name}` : ""}`}>
          <Megaphone aria-hidden className="size-3.5" />
          Campaign
          {name ? <SelectedSummary values={[name]} /> : null}
        </TriggerButton>
      }
    >
      <fieldset className="max-h-80 space-y-0.5 overflow-y-auto">
        <legend className="sr-only">Campaign</legend>
        {[{ id: null as string | null, name: "All campaigns", vendor: null as Vendor | null, count: undefined as number | undefined }, ...campaigns].map((c) => (
          <label key={c.id ?? "all"} className="flex cursor-pointer items-center gap-2 rounded-md px-2 py-1.5 hover:bg-muted has-[:focus-visible]:ring-2 has-[:focus-visible]:ring-ring">
            <input
              type="radio"
              name="timeline-campaign"
              className="size-4 accent-[var(--primary)] outline-none"
              checked={(filters.campaign ?? null) === c.id}
              onChange={() => {
                onChange({ campaign: c.id });
                setOpen(false);
              }}
            />
            {c.vendor ? <VendorDot vendor={c.vendor} /> : null}
            <span className="min-w-0 flex-1 truncate">{c.name ?? c.id}</span>
            {c.count !== undefined ? <span className="text-xs tabular-nums text-muted-foreground">{c.count.toLocaleString("en-GB")}</span> : null}
          </label>
        ))}
        {campaigns.length === 0 ? <p className="px-2 py-2 text-xs text-muted-foreground">No campaign touches these items.</p> : null}
      </fieldset>
    </FilterPopover>
  );
}

function DateFilter({ filters, onChange, today }: Pick<Props, "filters" | "onChange"> & { today: string }) {
  const [open, setOpen] = useState(false);
  const [from, setFrom] = useState(filters.from ?? "");
  const [to, setTo] = useState(filters.to ?? "");
  const invalid = !!from && !!to && from > to;
  const label = describeRange({ from: filters.from, to: filters.to }, today);
  const active = !!(filters.from || filters.to);
  return (
    <FilterPopover
      label="Filter by date"
      className="w-80"
      open={open}
      onOpenChange={(o) => {
        if (o) {
          setFrom(filters.from ?? "");
          setTo(filters.to ?? "");
        }
        setOpen(o);
      }}
      trigger={
        <TriggerButton active={active} label={`Date: ${label}`}>
          <CalendarRange aria-hidden className="size-3.5" />
          {active ? label : "Date"}
        </TriggerButton>
      }
    >
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
                setOpen(false);
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
            setOpen(false);
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
          setOpen(false);
        }}
      >
        <p className="px-1 text-xs font-medium text-muted-foreground">Custom range (inclusive, your time zone)</p>
        <div className="grid grid-cols-2 gap-2">
          <label className="space-y-1 text-xs">
            <span className="px-1">From</span>
            <Input type="date" value={from} max={to || undefined} onChange={(e) => setFrom(e.target.value)} className="h-8 px-2 text-xs" aria-invalid={invalid} />
          </label>
          <label className="space-y-1 text-xs">
            <span className="px-1">To</span>
            <Input type="date" value={to} min={from || undefined} onChange={(e) => setTo(e.target.value)} className="h-8 px-2 text-xs" aria-invalid={invalid} />
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
    </FilterPopover>
  );
}
