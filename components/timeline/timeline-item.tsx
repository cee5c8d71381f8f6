"use client";

import { Ban, Bot, CalendarClock, ChevronDown } from "@/components/ui/icons";
import { forwardRef, useEffect, useId, useMemo, useState, type KeyboardEvent } from "react";
import { RowActions } from "@/components/tasks/task-actions";
import { Badge } from "@/components/ui/badge";
import { lazyContent } from "@/components/ui/lazy-content";
import { VendorBadge } from "@/components/ui/vendor-badge";
import { ACTIVITY_STATE_LABELS } from "@/lib/model/plain/activity";
import { REPLY_CLASS_LABELS } from "@/lib/model/plain/reply-class";
import { KIND_LABELS } from "@/lib/model/plain/timeline";
import type { TimelineItem, TimelineTaskItem } from "@/lib/model/timeline";
import type { TaskListItem } from "@/lib/model/tasks-query";
import type { Vendor } from "@/lib/model/vendor";
import { dueClock, formatDue } from "@/lib/dates";
import { cn } from "@/lib/utils";
import { KindIcon } from "./kind-icon";
import { ITEM_ROW_HEIGHT, clockTime } from "./rows";
import { excerpt, htmlToText } from "@/lib/plain-text";

// The expanded detail (fields, body, reply thread, raw JSON) loads on first hover, focus or expand, not with the page.
const detail = lazyContent(() => import("./item-detail").then((m) => m.ItemDetail));

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

const firstLine = (s: string | null | undefined, max = 220) => excerpt(htmlToText(s), max) ?? "";

export function itemTitle(item: TimelineItem): { label: string; text: string } {
  if (item.type === "task") return { label: item.status === "done" ? "Task done" : "Task", text: item.title };
  return { label: KIND_LABELS[item.kind], text: item.subject ?? "" };
}

function taskDue(item: TimelineTaskItem, tz: string, now: number): { text: string; overdue: boolean } | null {
  const due = formatDue(item, dueClock(tz, now), "en-GB");
  return due ? { text: `Due ${due.absolute}`, overdue: item.status === "open" && due.overdue } : null;
}

/** A task row's actions (complete, reschedule, more), beside its expand button: a button may not hold buttons. */
function TimelineTaskActions({ item }: { item: TimelineTaskItem }) {
  // The person is the page itself: no contact on the task.
  const task = useMemo<TaskListItem>(() => {
    const { taskType, occurredAt: _at, ...rest } = item;
    return { ...rest, type: taskType, contact: null };
  }, [item]);
  return (
    <span className="flex shrink-0 items-center pr-2 empty:hidden">
      <RowActions task={task} />
    </span>
  );
}

function metaLine(item: TimelineItem, tz: string, now: number): string {
  if (item.type === "task") {
    const due = taskDue(item, tz, now);
    return [
      due?.text,
      item.assignee?.name ? `for ${item.assignee.name}` : null,
      item.body ? firstLine(item.body, 140) : null,
    ]
      .filter(Boolean)
      .join(" · ");
  }
  return firstLine(item.preview ?? item.body, 220);
}

/** One timeline entry: a fixed-height header button (click or Enter expands), and its detail when expanded. */
export const TimelineItemView = forwardRef<HTMLButtonElement, Props>(function TimelineItemView(
  { item, tz, day, expanded, active, vendorLinks, now, onToggle, onFocusItem, onKeyDown },
  ref,
) {
  const detailId = useId();
  // Re-render once the detail's code is here (it is fetched on hover or focus, so usually already).
  const [, setDetailReady] = useState(detail.loaded());
  useEffect(() => {
    if (expanded && !detail.loaded())
      detail.load().then(
        () => setDetailReady(true),
        () => undefined,
      );
  }, [expanded]);
  const preloadDetail = () => void detail.load().catch(() => undefined);
  const { label, text } = itemTitle(item);
  const meta = metaLine(item, tz, now);
  const kind = item.type === "task" ? "task" : item.kind;
  const due = item.type === "task" ? taskDue(item, tz, now) : null;
  const time = item.type === "task" && item.dueIsDateOnly ? "all day" : clockTime(item.occurredAt, tz);
  const campaign = item.campaignName ?? (item.campaignId ? item.campaignId.replace(/^[^:]+:/, "") : null);
  const step = item.type === "activity" ? item.sequenceStep : null;
  const actor = item.type === "activity" ? item.actor?.name : item.assignee?.name;
  // Scheduled and canceled items are shown but have not happened (and are never counted).
  const state = item.type === "activity" ? (item.state ?? null) : null;
  // Issue 18: every reply says what it is (a person, an autoresponder, an opt-out, a bounce).
  const replyClass = item.type === "activity" ? (item.replyClass ?? null) : null;

  return (
    <article
      aria-label={`${label}${state ? ` (${ACTIVITY_STATE_LABELS[state]})` : ""}${replyClass ? ` (${REPLY_CLASS_LABELS[replyClass]})` : ""}${text ? `: ${text}` : ""}`}
      data-timeline-item={item.id}
      data-task-id={item.type === "task" ? item.id : undefined}
      data-vendor={item.vendor}
      data-kind={kind}
      data-state={state ?? undefined}
      className={cn(
        "rounded-lg border bg-card transition-colors",
        active && "border-ring/60 ring-2 ring-ring/30",
        item.type === "task" && due?.overdue && "border-destructive/40",
      )}
    >
      <div className="flex items-center">
        <button
          ref={ref}
          type="button"
          data-item-toggle
          aria-expanded={expanded}
          aria-controls={expanded ? detailId : undefined}
          onClick={onToggle}
          onPointerEnter={preloadDetail}
          onFocus={() => {
            preloadDetail();
            onFocusItem();
          }}
          onKeyDown={onKeyDown}
          // Row = 8px gap + 2px border + this: exactly ITEM_ROW_HEIGHT, so the estimate never shifts anything.
          style={{ height: ITEM_ROW_HEIGHT - 10 }}
          className="flex w-full min-w-0 flex-1 items-center gap-3 rounded-lg px-3 text-left outline-none hover:bg-muted/50 focus-visible:ring-2 focus-visible:ring-ring"
        >
          <KindIcon kind={kind} />
          <span className="min-w-0 flex-1">
            <span className="flex min-w-0 items-center gap-2 text-sm">
              <span className={cn("shrink-0 font-medium", state === "canceled" && "line-through decoration-1")}>
                {label}
              </span>
              {state ? (
                <Badge variant={state === "canceled" ? "muted" : "warning"} className="shrink-0 py-0">
                  {state === "canceled" ? <Ban aria-hidden /> : <CalendarClock aria-hidden />}
                  {ACTIVITY_STATE_LABELS[state]}
                </Badge>
              ) : null}
              {replyClass ? (
                <Badge
                  variant={replyClass === "human" ? "success" : "muted"}
                  className="shrink-0 py-0"
                  data-reply-class={replyClass}
                >
                  {REPLY_CLASS_LABELS[replyClass]}
                </Badge>
              ) : null}
              {text ? <span className="truncate text-foreground/90">{text}</span> : null}
            </span>
            <span className="mt-0.5 flex min-w-0 flex-wrap items-center gap-x-2 gap-y-0.5 text-xs text-muted-foreground sm:flex-nowrap">
              <VendorBadge vendor={item.vendor} className="shrink-0 px-1 py-0 text-[11px]" />
              {campaign ? (
                <span className="max-w-full truncate sm:max-w-56 sm:shrink-0" title={campaign}>
                  {campaign}
                  {step ? ` · step ${step}` : ""}
                </span>
              ) : null}
              {actor ? <span className="max-w-full truncate sm:shrink-0">by {actor}</span> : null}
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
          <span className="flex shrink-0 items-center gap-2 text-xs text-muted-foreground tabular-nums">
            <time dateTime={item.occurredAt}>
              <span className="sr-only">{day}, </span>
              {time}
            </time>
            <ChevronDown aria-hidden className={cn("size-4 transition-transform", expanded && "rotate-180")} />
          </span>
        </button>
        {item.type === "task" ? <TimelineTaskActions item={item} /> : null}
      </div>
      {expanded ? (
        detail.loaded() ? (
          <detail.Content id={detailId} item={item} tz={tz} vendorLinks={vendorLinks} />
        ) : (
          <div id={detailId} aria-busy="true" className="border-t px-4 py-4 text-sm text-muted-foreground">
            Loading…
          </div>
        )
      ) : null}
    </article>
  );
});
