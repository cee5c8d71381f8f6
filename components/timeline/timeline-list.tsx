"use client";

import { useInfiniteQuery } from "@tanstack/react-query";
import { SearchX, History } from "@/components/ui/icons";
import {
  lazy,
  Suspense,
  useCallback,
  useEffect,
  useLayoutEffect,
  useMemo,
  useReducer,
  useRef,
  useState,
  type KeyboardEvent,
} from "react";
import { useInteractive } from "@/components/providers/interactive";
import { isTyping } from "@/components/filters/keyboard";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { LoadError } from "@/components/ui/load-error";
import type { Vendor } from "@/lib/model/vendor";
import { timelineQueries, type InitialTimeline, type TimelineFilterRequest } from "./queries";
import { LoadingRows, SkeletonItem } from "./loading-rows";
import { buildRows, DAY_ROW_HEIGHT, ITEM_ROW_HEIGHT, type TimelineRow } from "./rows";
import { TimelineItemView } from "./timeline-item";
import type { WindowVirtualizer, WindowVirtualizerOptions } from "./window-virtualizer";

// Loaded once the page is interactive: until then (the server's HTML, hydration, the first
// idle moment) the first rows stand at their estimated offsets, as they will once measured.
const WindowVirtualizerHost = lazy(() => import("./window-virtualizer"));

interface Props {
  contactId: string;
  request: TimelineFilterRequest;
  /** The first page the server read (used when it answers this request). */
  initial: InitialTimeline | null;
  tz: string;
  filtered: boolean;
  vendorLinks: Partial<Record<Vendor, string>>;
  onReset(): void;
}

const SKELETON_ROWS = 3;
/**
 * Rows rendered before the list is measured (the server's HTML, and hydration): the first
 * ones down to this many pixels, more than a tall screen shows under the page's header.
 */
const UNMEASURED_HEIGHT = 1600;

/**
 * The timeline itself: a window-scrolled virtual list (only the rows near the viewport are
 * in the DOM), loading the next page by cursor as the end comes into view. Header and
 * collapsed rows have fixed heights; expanded rows are measured. `j`/`k` move between
 * items, Enter expands (the row is a button).
 */
export function TimelineList({ contactId, request, initial, tz, filtered, vendorLinks, onReset }: Props) {
  const options = timelineQueries.items(contactId, request, initial);
  const requestKey = options.queryKey[3];
  const query = useInfiniteQuery(options);
  const {
    data,
    hasNextPage,
    isFetchingNextPage,
    fetchNextPage,
    isPlaceholderData,
    isFetching,
    isError,
    error,
    refetch,
  } = query;
  const items = useMemo(() => data?.pages.flatMap((p) => p.data) ?? [], [data]);
  // The server's clock while hydrating its rows ("Today", "Yesterday" agree with its HTML).
  const [now] = useState(() => initial?.at ?? Date.now());
  const rows = useMemo(() => buildRows(items, tz, new Date(now)), [items, tz, now]);

  const [expanded, setExpanded] = useState<ReadonlySet<string>>(() => new Set());
  const [activeKey, setActiveKey] = useState<string | null>(null);
  const buttons = useRef(new Map<string, HTMLButtonElement>());

  // Where the list starts on the page (the virtualizer works in window coordinates).
  const loading = !data && !isError;
  const empty = !loading && items.length === 0 && !isFetching;
  // The list is in the DOM (not an error or an empty state): measured each time it appears.
  const listShown = !isError && !empty;

  const listRef = useRef<HTMLDivElement>(null);
  // Null until measured in the browser: the server (and hydration) cannot know where the list sits.
  const [scrollMargin, setScrollMargin] = useState<number | null>(null);
  useLayoutEffect(() => {
    const el = listRef.current;
    if (!el) return;
    const measure = () => setScrollMargin(Math.round(el.getBoundingClientRect().top + window.scrollY));
    measure();
    const ro = new ResizeObserver(measure);
    ro.observe(document.body);
    return () => ro.disconnect();
  }, [listShown]);

  const count = loading ? 0 : rows.length + (hasNextPage ? SKELETON_ROWS : 0);
  const estimateSize = (i: number) => (rows[i]?.type === "day" ? DAY_ROW_HEIGHT : ITEM_ROW_HEIGHT);
  const itemKey = (i: number) => rows[i]?.key ?? `more:${i - rows.length}`;
  const virtualOptions: WindowVirtualizerOptions = {
    count,
    estimateSize,
    getItemKey: itemKey,
    overscan: 8,
    scrollMargin: scrollMargin ?? 0,
  };
  const interactive = useInteractive();
  const [virtualizer, setVirtualizer] = useState<WindowVirtualizer | null>(null);
  const [, rerender] = useReducer((n: number) => n + 1, 0);
  // This render's rows, not the last one's: the host (a child) renders after the list reads it.
  virtualizer?.setOptions({ ...virtualizer.options, ...virtualOptions });
  const virtualRows = virtualizer?.getVirtualItems() ?? [];
  // Unmeasured, or before the virtualizer is here (or has a window to fill), the first rows go
  // out as they will stand once measured (same keys, same offsets), so taking over moves nothing.
  const measured = scrollMargin !== null && virtualizer !== null && (virtualRows.length > 0 || count === 0);
  const shown: ShownRow[] = measured
    ? virtualRows.map((v) => ({ key: itemKey(v.index), index: v.index, top: v.start - scrollMargin }))
    : unmeasuredRows(count, estimateSize, itemKey);
  const totalSize = virtualizer && measured ? virtualizer.getTotalSize() : estimatedTotal(count, estimateSize);

  // Infinite loading: fetch the next page when its skeleton rows come near the viewport.
  const lastIndex = virtualRows.at(-1)?.index ?? -1;
  useEffect(() => {
    if (hasNextPage && !isFetchingNextPage && lastIndex >= rows.length - 10) void fetchNextPage();
  }, [lastIndex, rows.length, hasNextPage, isFetchingNextPage, fetchNextPage]);

  const itemIndexes = useMemo(() => rows.flatMap((r, i) => (r.type === "item" ? [i] : [])), [rows]);

  const focusRow = useCallback(
    (rowIndex: number) => {
      const row = rows[rowIndex];
      if (!row) return;
      setActiveKey(row.key);
      if (virtualizer) virtualizer.scrollToIndex(rowIndex, { align: "auto" });
      else buttons.current.get(row.key)?.scrollIntoView({ block: "nearest" });
      // The row may only now be rendered: focus it once it is in the DOM.
      let tries = 0;
      const tick = () => {
        const el = buttons.current.get(row.key);
        if (el) el.focus({ preventScroll: true });
        else if (tries++ < 10) requestAnimationFrame(tick);
      };
      requestAnimationFrame(tick);
    },
    [rows, virtualizer],
  );

  const move = useCallback(
    (delta: number) => {
      if (itemIndexes.length === 0) return;
      const at = activeKey ? itemIndexes.findIndex((i) => rows[i]?.key === activeKey) : -1;
      const next =
        at === -1
          ? delta > 0
            ? 0
            : itemIndexes.length - 1
          : Math.min(itemIndexes.length - 1, Math.max(0, at + delta));
      focusRow(itemIndexes[next]!);
      if (delta > 0 && next >= itemIndexes.length - 3 && hasNextPage && !isFetchingNextPage) void fetchNextPage();
    },
    [itemIndexes, activeKey, rows, focusRow, hasNextPage, isFetchingNextPage, fetchNextPage],
  );

  const toggle = useCallback(
    (key: string) =>
      setExpanded((prev) => {
        const next = new Set(prev);
        if (next.has(key)) next.delete(key);
        else next.add(key);
        return next;
      }),
    [],
  );

  // j / k anywhere on the page (not while typing); Enter on a row is the button's own click.
  useEffect(() => {
    const onKey = (e: globalThis.KeyboardEvent) => {
      if (e.defaultPrevented || e.metaKey || e.ctrlKey || e.altKey || isTyping(e.target)) return;
      if (e.key === "j" || e.key === "k") {
        e.preventDefault();
        move(e.key === "j" ? 1 : -1);
      } else if (
        e.key === "Enter" &&
        activeKey &&
        !(e.target instanceof HTMLButtonElement || e.target instanceof HTMLAnchorElement)
      ) {
        e.preventDefault();
        toggle(activeKey);
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  });

  const onRowKey = (e: KeyboardEvent<HTMLButtonElement>) => {
    if (e.key === "ArrowDown" || e.key === "ArrowUp") {
      e.preventDefault();
      move(e.key === "ArrowDown" ? 1 : -1);
    }
  };

  if (isError) {
    return <LoadError title="The timeline could not be loaded" error={error} onRetry={() => void refetch()} />;
  }

  if (empty) {
    return filtered ? (
      <EmptyState
        icon={SearchX}
        title="No items match these filters"
        action={
          <Button variant="secondary" onClick={onReset}>
            Reset filters
          </Button>
        }
      >
        Nothing on this person’s timeline matches every filter. Widen the date range, pick more vendors or kinds, or
        reset them all.
      </EmptyState>
    ) : (
      <EmptyState icon={History} title="Nothing on this timeline yet">
        No activity or task from any vendor is linked to this person. “Refresh now” asks every vendor for their latest
        data.
      </EmptyState>
    );
  }

  return (
    <div
      ref={listRef}
      role="feed"
      aria-label="Timeline"
      aria-busy={loading || isPlaceholderData || isFetchingNextPage}
      data-testid="timeline"
      data-placeholder={isPlaceholderData ? "true" : "false"}
      // Which request the rows on screen answer (scripts and benchmarks wait on it).
      data-request={data && !isPlaceholderData ? requestKey : "pending"}
      className={isPlaceholderData ? "opacity-60 transition-opacity" : "transition-opacity"}
    >
      {loading ? (
        <LoadingRows />
      ) : (
        <div style={{ height: totalSize, position: "relative" }}>
          {shown.map((v) => {
            const row: TimelineRow | undefined = rows[v.index];
            return (
              <div
                key={v.key}
                data-index={v.index}
                ref={measured ? virtualizer?.measureElement : undefined}
                className="absolute top-0 left-0 w-full"
                style={{ transform: `translateY(${v.top}px)` }}
              >
                {!row ? (
                  <SkeletonItem />
                ) : row.type === "day" ? (
                  // Not an <h2>: a feed may only hold articles; each item repeats its day for screen readers.
                  <div
                    className="flex items-end gap-3 pb-2 text-xs font-semibold tracking-wide text-muted-foreground uppercase"
                    style={{ height: DAY_ROW_HEIGHT }}
                  >
                    <span>{row.label}</span>
                    <span aria-hidden className="mb-1.5 h-px flex-1 bg-border" />
                  </div>
                ) : (
                  <div className="pb-2" data-timeline-row>
                    <TimelineItemView
                      ref={(el) => {
                        if (el) buttons.current.set(row.key, el);
                        else buttons.current.delete(row.key);
                      }}
                      item={row.item}
                      tz={tz}
                      day={row.dayLabel}
                      now={now}
                      vendorLinks={vendorLinks}
                      expanded={expanded.has(row.key)}
                      active={activeKey === row.key}
                      onToggle={() => toggle(row.key)}
                      onFocusItem={() => setActiveKey(row.key)}
                      onKeyDown={onRowKey}
                    />
                  </div>
                )}
              </div>
            );
          })}
        </div>
      )}
      {interactive && !loading ? (
        <Suspense fallback={null}>
          <WindowVirtualizerHost options={virtualOptions} onReady={setVirtualizer} onChange={rerender} />
        </Suspense>
      ) : null}
      {!hasNextPage && items.length > 0 ? (
        <p className="py-6 text-center text-xs text-muted-foreground">
          {items.length.toLocaleString("en-GB")} {items.length === 1 ? "item" : "items"} · nothing older
        </p>
      ) : null}
    </div>
  );
}

interface ShownRow {
  key: string;
  index: number;
  /** Offset from the top of the list, px. */
  top: number;
}

/** The list's height from the rows' estimates (exact while every row is collapsed). */
function estimatedTotal(count: number, size: (i: number) => number): number {
  let total = 0;
  for (let i = 0; i < count; i++) total += size(i);
  return total;
}

/** The first rows down to UNMEASURED_HEIGHT, at their estimated offsets (exact for collapsed rows). */
function unmeasuredRows(count: number, size: (i: number) => number, key: (i: number) => string): ShownRow[] {
  const out: ShownRow[] = [];
  for (let i = 0, top = 0; i < count && top < UNMEASURED_HEIGHT; top += size(i), i++)
    out.push({ key: key(i), index: i, top });
  return out;
}
