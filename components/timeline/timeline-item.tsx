"use client";

import { Bot, ChevronDown, ExternalLink } from "lucide-react";
import { forwardRef, useId, type KeyboardEvent } from "react";
import { Badge } from "@/components/ui/badge";
import { VendorBadge } from "@/components/ui/vendor-badge";
import { safeExternalUrl } from "@/lib/model/deep-links";
import { KIND_LABELS } from "@/lib/model/plain/timeline";
import type { TimelineActivityItem, TimelineItem, TimelineTaskItem } from "@/lib/model/timeline";
import { VENDOR_LABELS, type Vendor } from "@/lib/model/vendor";
import { dueClock, formatDue } from "@/lib/dates";
import { cn } from "@/lib/utils";
import { KindIcon } from "./kind-icon";
import { ITEM_ROW_HEIGHT, clockTime, formatDuration } from "./rows";
import { htmlToText, replyThread } from "./text";

interface Props {
  item: TimelineItem;
  tz: string;
  /** The day heading above the item, repeated for screen readers (a feed holds articles only, so the heading is plain text). */
  day: string;
  expanded: boolean;
  active: boolean;
  /** The person's record in each vendor, for "Open in …" when the item has no link of its own. */
  vendorLinks: Partial<Record<Vendor, string>>;
  now: number;
  onToggle(): void;
  onFocusItem(): void;
  onKeyDown?(e: KeyboardEvent<HTMLButtonElement>): void;
}

const firstLine = (s: string | null | undefined, max = 220) => {
  const t = htmlToText(s).replace(/\s+/g, " ").trim();
  return t.length > max ? `${t.slice(0, max)}…` : t;
};

export function itemTitle(item: TimelineItem): { label: string; text: string } {
  if (item.type === "task") return { label: item.status === "done" ? "Task done" : "Task", text: item.title };
  return { label: KIND_LABELS[item.kind], text: item.subject ?? "" };
}

function taskDue(item: TimelineTaskItem, tz: string, now: number): { text: string; overdue: boolean } | null {
  const due = formatDue(item, dueClock(tz, now), "en-GB");
  return due ? { text: `Due ${due.absolute}`, overdue: item.status === "open" && due.overdue } : null;
}

function metaLine(item: TimelineItem, tz: string, now: number): string {
  if (item.type === "task") {
    const due = taskDue(item, tz, now);
    return [due?.text, item.assignee?.name ? `for ${item.assignee.name}` : null, item.body ? firstLine(item.body, 140) : null].filter(Boolean).join(" · ");
  }
  return firstLine(item.preview ?? item.body, 220);
}

/** One timeline entry: a fixed-height header button (click or Enter expands), and its detail when expanded. */
export const TimelineItemView = forwardRef<HTMLButtonElement, Props>(function TimelineItemView(
  { item, tz, day, expanded, active, vendorLinks, now, onToggle, onFocusItem, onKeyDown },
  ref,
) {
  const detailId = useId();
  const { label, text } = itemTitle(item);
  const meta = metaLine(item, tz, now);
  const kind = item.type === "task" ? "task" : item.kind;
  const due = item.type === "task" ? taskDue(item, tz, now) : null;
  const time = item.type === "task" && item.dueIsDateOnly ? "all day" : clockTime(item.occurredAt, tz);
  const campaign = item.campaignName ?? (item.campaignId ? item.campaignId.replace(/^[^:]+:/, "") : null);
  const step = item.type === "activity" ? item.sequenceStep : null;
  const actor = item.type === "activity" ? item.actor?.name : item.assignee?.name;

  return (
    <article
      aria-label={`${label}${text ? `: ${text}` : ""}`}
      data-timeline-item={item.id}
      data-vendor={item.vendor}
      data-kind={kind}
      className={cn("rounded-lg border bg-card transition-colors", active && "border-ring/60 ring-2 ring-ring/30", item.type === "task" && due?.overdue && "border-destructive/40")}
    >
      <button
        ref={ref}
        type="button"
        aria-expanded={expanded}
        aria-controls={expanded ? detailId : undefined}
        onClick={onToggle}
        onFocus={onFocusItem}
        onKeyDown={onKeyDown}
        // Row = 8px gap + 2px border + this: exactly ITEM_ROW_HEIGHT, so the estimate never shifts anything.
        style={{ height: ITEM_ROW_HEIGHT - 10 }}
        className="flex w-full items-center gap-3 rounded-lg px-3 text-left outline-none hover:bg-muted/50 focus-visible:ring-2 focus-visible:ring-ring"
      >
        <KindIcon kind={kind} />
        <span className="min-w-0 flex-1">
          <span className="flex min-w-0 items-center gap-2 text-sm">
            <span className="shrink-0 font-medium">{label}</span>
            {text ? <span className="truncate text-foreground/90">{text}</span> : null}
          </span>
          <span className="mt-0.5 flex min-w-0 items-center gap-2 text-xs text-muted-foreground">
            <VendorBadge vendor={item.vendor} className="shrink-0 px-1 py-0 text-[11px]" />
            {campaign ? (
              <span className="max-w-56 shrink-0 truncate" title={campaign}>
                {campaign}
                {step ? ` · step ${step}` : ""}
              </span>
            ) : null}
            {actor ? <span className="shrink-0">by {actor}</span> : null}
            {item.type === "activity" && item.bot ? (
              <Badge variant="muted" className="shrink-0 py-0">
                <Bot aria-hidden />
                machine
              </Badge>
            ) : null}
            {due?.overdue ? (
              <Badge variant="destructive" className="shrink-0 py-0">
                overdue
              </Badge>
            ) : null}
            {meta ? <span className="truncate">{meta}</span> : null}
          </span>
        </span>
        <span className="flex shrink-0 items-center gap-2 text-xs tabular-nums text-muted-foreground">
          <time dateTime={item.occurredAt}>
            <span className="sr-only">{day}, </span>
            {time}
          </time>
          <ChevronDown aria-hidden className={cn("size-4 transition-transform", expanded && "rotate-180")} />
        </span>
      </button>
      {expanded ? <ItemDetail id={detailId} item={item} tz={tz} vendorLinks={vendorLinks} /> : null}
    </article>
  );
});

function Field({ name, children }: { name: string; children: React.ReactNode }) {
  return (
    <div className="flex gap-2">
      <dt className="w-24 shrink-0 text-muted-foreground">{name}</dt>
      <dd className="min-w-0 break-words">{children}</dd>
    </div>
  );
}

const RAW_LIMIT = 20_000;

function ItemDetail({ id, item, tz, vendorLinks }: { id: string; item: TimelineItem; tz: string; vendorLinks: Partial<Record<Vendor, string>> }) {
  const when = new Intl.DateTimeFormat("en-GB", { timeZone: tz, dateStyle: "full", timeStyle: "short" }).format(new Date(item.occurredAt));
  const body = htmlToText(item.body);
  const thread = item.type === "activity" ? replyThread(item.raw, item.body) : [];
  const link = safeExternalUrl(item.url) ?? vendorLinks[item.vendor] ?? null;
  let raw = JSON.stringify(item.raw ?? null, null, 2) ?? "null";
  if (raw.length > RAW_LIMIT) raw = `${raw.slice(0, RAW_LIMIT)}\n… (${(raw.length - RAW_LIMIT).toLocaleString("en-GB")} more characters)`;
  const activity = item.type === "activity" ? (item as TimelineActivityItem) : null;
  const duration = activity ? formatDuration(activity.durationSeconds) : null;

  return (
    <div id={id} className="space-y-4 border-t px-4 py-4 text-sm">
      <dl className="grid gap-1.5 text-xs sm:grid-cols-2">
        <Field name="When">{item.type === "task" && item.dueIsDateOnly && item.dueDate ? `Due ${item.dueDate} (all day)` : when}</Field>
        <Field name="Vendor">
          {VENDOR_LABELS[item.vendor]} <span className="text-muted-foreground">({item.vendorType})</span>
        </Field>
        {item.campaignName || item.campaignId ? (
          <Field name="Campaign">
            {item.campaignName ?? item.campaignId}
            {activity?.sequenceStep ? `, step ${activity.sequenceStep}` : ""}
            {activity?.variant ? `, variant ${activity.variant}` : ""}
          </Field>
        ) : null}
        {activity?.actor?.name ? <Field name="By">{activity.actor.name}</Field> : null}
        {activity?.direction ? <Field name="Direction">{activity.direction === "inbound" ? "Inbound (from them)" : "Outbound (from us)"}</Field> : null}
        {duration ? <Field name="Duration">{duration}</Field> : null}
        {activity?.bot ? <Field name="Machine">Yes — an automated open or click (security scanner, image proxy)</Field> : null}
        {item.type === "task" ? (
          <>
            <Field name="Status">{item.status}</Field>
            {item.priority ? <Field name="Priority">{item.priority}</Field> : null}
            {item.assignee?.name ? <Field name="Assignee">{item.assignee.name}</Field> : null}
          </>
        ) : null}
      </dl>
      {activity?.subject ? <p className="font-medium">{activity.subject}</p> : null}
      {body ? (
        <div className="max-h-96 overflow-auto whitespace-pre-wrap break-words rounded-md bg-muted/50 p-3 leading-relaxed">{body}</div>
      ) : activity?.preview ? (
        <p className="whitespace-pre-wrap text-muted-foreground">{htmlToText(activity.preview)}</p>
      ) : null}
      {thread.length ? (
        <section aria-label="Reply thread" className="space-y-2">
          <h3 className="text-xs font-semibold uppercase tracking-wide text-muted-foreground">Thread</h3>
          <ol className="space-y-2">
            {thread.map((m, i) => (
              <li key={i} className={cn("rounded-md border p-3", m.inbound ? "border-success/40 bg-success/5" : "bg-muted/30")}>
                <p className="mb-1 text-xs text-muted-foreground">
                  {m.inbound === null ? "Message" : m.inbound ? "Reply" : "Sent"}
                  {m.from ? ` · ${m.from}` : ""}
                  {m.at && !Number.isNaN(Date.parse(m.at)) ? ` · ${new Intl.DateTimeFormat("en-GB", { timeZone: tz, dateStyle: "medium", timeStyle: "short" }).format(new Date(m.at))}` : ""}
                </p>
                <p className="whitespace-pre-wrap break-words">{m.body}</p>
              </li>
            ))}
          </ol>
        </section>
      ) : null}
      <div className="flex flex-wrap items-center justify-between gap-3">
        <details className="min-w-0 flex-1 text-xs">
          <summary className="cursor-pointer select-none text-muted-foreground hover:text-foreground">Vendor fields</summary>
          <pre className="mt-2 max-h-80 overflow-auto rounded-md bg-muted/50 p-3 font-mono text-[11px] leading-snug">{raw}</pre>
        </details>
        {link ? (
          <a
            href={link}
            target="_blank"
            rel="noopener noreferrer"
            className="inline-flex items-center gap-1.5 rounded-md border bg-card px-3 py-1.5 text-xs font-medium shadow-xs hover:bg-muted"
          >
            Open in {VENDOR_LABELS[item.vendor]}
            <ExternalLink aria-hidden className="size-3.5" />
          </a>
        ) : null}
      </div>
    </div>
  );
}
