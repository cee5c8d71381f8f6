"use client";

import { ChevronLeft, ChevronRight, ChevronsLeft } from "@/components/ui/icons";
import { useId } from "react";
import { Button } from "@/components/ui/button";
import { PAGE_SIZES } from "./search-params";

/** Rows per page, the rows shown, and previous/next (keyset pages: the cursors already visited are kept). */
export function Pagination({
  pageIndex,
  pageSize,
  shown,
  total,
  hasNext,
  busy,
  onFirst,
  onPrevious,
  onNext,
  onPageSize,
}: {
  pageIndex: number;
  pageSize: number;
  shown: number;
  total: number;
  hasNext: boolean;
  busy: boolean;
  onFirst: () => void;
  onPrevious: () => void;
  onNext: () => void;
  onPageSize: (size: number) => void;
}) {
  const sizeId = useId();
  const first = total === 0 ? 0 : pageIndex * pageSize + 1;
  const last = pageIndex * pageSize + shown;
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const steps = [
    { label: "First page", Icon: ChevronsLeft, disabled: pageIndex === 0, onClick: onFirst },
    { label: "Previous page", Icon: ChevronLeft, disabled: pageIndex === 0, onClick: onPrevious },
    { label: "Next page", Icon: ChevronRight, disabled: !hasNext, onClick: onNext },
  ];
  return (
    <nav aria-label="Pages" className="flex flex-wrap items-center justify-between gap-3 px-1 text-sm">
      <p className="text-muted-foreground" aria-live="polite">
        {total === 0
          ? "No tasks"
          : `${first.toLocaleString("en-GB")}–${last.toLocaleString("en-GB")} of ${total.toLocaleString("en-GB")} tasks`}
      </p>
      <div className="flex flex-wrap items-center gap-4">
        <div className="flex items-center gap-2">
          <label htmlFor={sizeId} className="text-muted-foreground">
            Rows per page
          </label>
          <select
            id={sizeId}
            value={pageSize}
            onChange={(e) => onPageSize(Number(e.target.value))}
            className="h-8 rounded-md border border-input bg-card px-2 text-sm outline-none focus-visible:ring-2 focus-visible:ring-ring/40"
          >
            {PAGE_SIZES.map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </select>
        </div>
        <span className="text-muted-foreground tabular-nums">
          Page {pageIndex + 1} of {pages.toLocaleString("en-GB")}
        </span>
        <div className="flex items-center gap-1">
          {steps.map(({ label, Icon, disabled, onClick }) => (
            <Button
              key={label}
              variant="secondary"
              size="icon"
              className="size-8"
              aria-label={label}
              disabled={disabled || busy}
              onClick={onClick}
            >
              <Icon aria-hidden />
            </Button>
          ))}
        </div>
      </div>
    </nav>
  );
}
