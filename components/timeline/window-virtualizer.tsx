"use client";

import { useWindowVirtualizer, type Virtualizer } from "@tanstack/react-virtual";
import { useLayoutEffect } from "react";

export type WindowVirtualizer = Virtualizer<Window, Element>;

export interface WindowVirtualizerOptions {
  count: number;
  estimateSize(index: number): number;
  getItemKey(index: number): string;
  overscan: number;
  scrollMargin: number;
}

interface Props {
  options: WindowVirtualizerOptions;
  /** The instance once it has measured the window (null when this unmounts). */
  onReady(virtualizer: WindowVirtualizer | null): void;
  /** Scrolls and measurements: the list re-renders its rows. */
  onChange(): void;
}

/**
 * react-virtual's window virtualizer, in a module of its own so the timeline can load it
 * after the page is interactive (@tanstack/virtual-core is 10 KB of the contact page's
 * JavaScript, and the first rows render without it). Renders nothing: it hands its instance
 * to the list, which reads the rows to draw from it.
 */
export default function WindowVirtualizerHost({ options, onReady, onChange }: Props) {
  const virtualizer = useWindowVirtualizer({ ...options, onChange: () => onChange() });
  // After react-virtual's own layout effects (declared first), which measure the window.
  useLayoutEffect(() => {
    onReady(virtualizer);
    return () => onReady(null);
  }, [virtualizer, onReady]);
  return null;
}
