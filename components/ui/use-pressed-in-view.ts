"use client";

import { useEffect, type RefObject } from "react";
import { PHONE_QUERY } from "./use-media-query";

/**
 * For a row of choices that scrolls sideways on a phone instead of wrapping (the tasks' due
 * presets, the campaign page's date ranges): keeps its pressed button in view, scrolling the
 * row only, never the page — on mount and whenever `key` changes (the choice, or labels that
 * widen the buttons). Wider screens wrap the row and skip the measuring (a forced layout of
 * the whole page, ~25 ms per click beside a 50-row table).
 */
export function usePressedInView(row: RefObject<HTMLElement | null>, key: string): void {
  useEffect(() => {
    if (!window.matchMedia(PHONE_QUERY).matches) return;
    const el = row.current;
    const pressed = el?.querySelector<HTMLElement>("[aria-pressed=true]");
    if (!el || !pressed || el.scrollWidth <= el.clientWidth) return;
    const left = pressed.offsetLeft - el.offsetLeft;
    if (left < el.scrollLeft || left + pressed.offsetWidth > el.scrollLeft + el.clientWidth)
      el.scrollTo({ left: left - (el.clientWidth - pressed.offsetWidth) / 2 });
  }, [row, key]);
}
