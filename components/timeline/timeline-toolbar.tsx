"use client";

import { Bot, CalendarRange, ChevronDown, Filter, Megaphone, X } from "@/components/ui/icons";
import { useCallback } from "react";
import { SearchBox } from "@/components/filters/search-box";
import { useDebouncedSearch } from "@/components/filters/use-debounced-search";
import { Button } from "@/components/ui/button";
import { lazyContent } from "@/components/ui/lazy-content";
import { KIND_LABELS, TIMELINE_KIND_GROUPS, type TimelineKind } from "@/lib/model/plain/timeline";
import { REPLY_CLASS_LABELS, REPLY_CLASSES, type ReplyClass } from "@/lib/model/plain/reply-class";
import type { TimelineFacets } from "@/lib/model/timeline";
import { VENDOR_LABELS, type Vendor } from "@/lib/model/vendor";
import { cn } from "@/lib/utils";
import { describeRange, todayIn } from "./date-presets";
import { isRepliesOnly } from "./search-params";
import { FilterPopover } from "@/components/filters/popover";
import type { TimelinePanel } from "./use-prefetch-neighbours";

// The four panels' contents (option lists, date presets, the range form) load on first intent, not with the page.
const loadPanels = () => import("./toolbar-panels");
const { load: loadVendorPanel, Content: VendorPanel } = lazyContent(() => loadPanels().then((m) => m.VendorPanel));
const { load: loadKindPanel, Content: KindPanel } = lazyContent(() => loadPanels().then((m) => m.KindPanel));
const { load: loadCampaignPanel, Content: CampaignPanel } = lazyContent(() =>
  loadPanels().then((m) => m.CampaignPanel),
);
const { load: loadDatePanel, Content: DatePanel } = lazyContent(() => loadPanels().then((m) => m.DatePanel));

export interface TimelineFilterState {
  q: string;
  vendors: Vendor[];
  kinds: TimelineKind[];
  campaign: string | null;
  from: string | null;
  to: string | null;
  bots: "include" | "exclude";
  replyClass: ReplyClass[];
}

export const EMPTY_FILTERS: TimelineFilterState = {
  q: "",
  vendors: [],
  kinds: [],
  campaign: null,
  from: null,
  to: null,
  bots: "include",
  replyClass: [],
};

export function hasActiveFilters(f: TimelineFilterState): boolean {
  return !!(
    f.q.trim() ||
    f.vendors.length ||
    f.kinds.length ||
    f.campaign ||
    f.from ||
    f.to ||
    f.bots === "exclude" ||
    f.replyClass.length
  );
}

interface Props {
  filters: TimelineFilterState;
  onChange(patch: Partial<TimelineFilterState>, opts?: { replace?: boolean }): void;
  facets: TimelineFacets | undefined;
  tz: string;
  /** A one-click panel opened or closed (the page fetches the views its choices lead to). */
  onPanelChange?(panel: TimelinePanel, open: boolean): void;
}

function TriggerButton({
  active,
  children,
  label,
  ...props
}: { active: boolean; label: string } & React.ComponentProps<"button">) {
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

export function TimelineToolbar({ filters, onChange, facets, tz, onPanelChange }: Props) {
  const panelOpen = (panel: TimelinePanel) => (open: boolean) => onPanelChange?.(panel, open);
  // The search box answers at once; the URL (and the query) follow a pause after the last keystroke.
  const commitSearch = useCallback((q: string) => onChange({ q }, { replace: true }), [onChange]);
  const [text, setText, settleText] = useDebouncedSearch(filters.q, commitSearch);

  const today = todayIn(tz);
  const repliesOnly = isRepliesOnly(filters.kinds);

  return (
    <div role="toolbar" aria-label="Timeline filters" className="flex flex-wrap items-center gap-2">
      <SearchBox
        label="Search this timeline"
        placeholder="Search this timeline…"
        value={text}
        onValueChange={setText}
        slashToFocus
        escape="clear-then-blur"
        className="sm:w-64"
      />

      <FilterPopover
        label="Filter by vendor"
        load={loadVendorPanel}
        onOpenChange={panelOpen("vendor")}
        trigger={
          <TriggerButton
            active={filters.vendors.length > 0}
            label={`Vendor${filters.vendors.length ? `: ${filters.vendors.map((v) => VENDOR_LABELS[v]).join(", ")}` : ""}`}
          >
            <Filter aria-hidden className="size-3.5" />
            Vendor
            {filters.vendors.length ? <SelectedSummary values={filters.vendors.map((v) => VENDOR_LABELS[v])} /> : null}
          </TriggerButton>
        }
      >
        <VendorPanel filters={filters} onChange={onChange} facets={facets} />
      </FilterPopover>

      <FilterPopover
        label="Filter by kind"
        load={loadKindPanel}
        onOpenChange={panelOpen("kind")}
        className="w-80"
        trigger={
          <TriggerButton
            active={filters.kinds.length > 0}
            label={`Kind${filters.kinds.length ? `: ${repliesOnly ? "replies" : kindSummary(filters.kinds).join(", ")}` : ""}`}
          >
            Kind
            {filters.kinds.length ? (
              <SelectedSummary values={repliesOnly ? ["Replies"] : kindSummary(filters.kinds)} />
            ) : null}
          </TriggerButton>
        }
      >
        <KindPanel filters={filters} onChange={onChange} facets={facets} repliesOnly={repliesOnly} />
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
        {facets ? (
          <span className="text-muted-foreground tabular-nums">{facets.bots.toLocaleString("en-GB")}</span>
        ) : null}
      </label>

      <ReplyClassFilter filters={filters} onChange={onChange} facets={facets} />

      {hasActiveFilters(filters) ? (
        <Button
          variant="ghost"
          size="sm"
          onClick={() => {
            settleText("");
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

function CampaignFilter({ filters, onChange, facets }: Pick<Props, "filters" | "onChange" | "facets">) {
  const campaigns = facets?.campaigns ?? [];
  const current = campaigns.find((c) => c.id === filters.campaign);
  const name = current?.name ?? (filters.campaign ? filters.campaign.replace(/^[^:]+:/, "") : null);
  return (
    <FilterPopover
      label="Filter by campaign"
      load={loadCampaignPanel}
      className="w-80"
      trigger={
        <TriggerButton active={!!filters.campaign} label={`Campaign${name ? `: ${name}` : ""}`}>
          <Megaphone aria-hidden className="size-3.5" />
          Campaign
          {name ? <SelectedSummary values={[name]} /> : null}
        </TriggerButton>
      }
    >
      {(close) => <CampaignPanel filters={filters} onChange={onChange} campaigns={campaigns} onDone={close} />}
    </FilterPopover>
  );
}

function DateFilter({ filters, onChange, today }: Pick<Props, "filters" | "onChange"> & { today: string }) {
  const label = describeRange({ from: filters.from, to: filters.to }, today);
  const active = !!(filters.from || filters.to);
  return (
    <FilterPopover
      label="Filter by date"
      load={loadDatePanel}
      className="w-80"
      trigger={
        <TriggerButton active={active} label={`Date: ${label}`}>
          <CalendarRange aria-hidden className="size-3.5" />
          {active ? label : "Date"}
        </TriggerButton>
      }
    >
      {(close) => <DatePanel filters={filters} onChange={onChange} today={today} onDone={close} />}
    </FilterPopover>
  );
}

/** Issue 18: replies by class — people's answers, auto-replies, opt-outs, bounce notices. */
function ReplyClassFilter({
  filters,
  onChange,
  facets,
}: {
  filters: TimelineFilterState;
  onChange: (patch: Partial<TimelineFilterState>) => void;
  facets: TimelineFacets | undefined;
}) {
  const value = filters.replyClass.length === 1 ? filters.replyClass[0]! : "";
  return (
    <label className="inline-flex h-8 items-center gap-2 rounded-md border border-dashed px-2.5 text-xs font-medium has-[:focus-visible]:ring-2 has-[:focus-visible]:ring-ring">
      Replies
      <select
        value={value}
        onChange={(e) => onChange({ replyClass: e.target.value ? [e.target.value as ReplyClass] : [] })}
        className="bg-transparent text-xs outline-none"
      >
        <option value="">All classes</option>
        {REPLY_CLASSES.map((c) => (
          <option key={c} value={c}>
            {REPLY_CLASS_LABELS[c]}
            {facets?.replyClasses?.[c] !== undefined ? ` (${facets.replyClasses[c]!.toLocaleString("en-GB")})` : ""}
          </option>
        ))}
      </select>
    </label>
  );
}
