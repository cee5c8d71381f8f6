"use client";

import dynamic from "next/dynamic";
import { createContext, useContext, type ComponentType } from "react";
import { useInteractive } from "@/components/providers/interactive";

// The campaign page's recharts drawings (engagement-plots.tsx), one chunk fetched once the
// page is interactive (components/providers/interactive.ts), so it is not part of the first
// view's JavaScript: the cards around the drawings, their numbers and summaries render on
// the server. Client-only: each fills a ChartFrame the server already rendered at its final
// height, so nothing shifts when it arrives; no interaction is needed for it to come.
const load = () => import("./engagement-plots");
const Loading = () => <div aria-hidden className="size-full animate-pulse rounded-lg bg-muted/40" />;

/**
 * False while the page still shows the server's figures for another zone than the
 * browser's: the chart chunk (~130 KB gzip to parse) waits until the right figures are in,
 * so it does not compete with them for the main thread.
 */
export const PlotsReady = createContext(true);

function gated<P extends object>(Plot: ComponentType<P>) {
  return function GatedPlot(props: P) {
    const interactive = useInteractive();
    return useContext(PlotsReady) && interactive ? <Plot {...props} /> : <Loading />;
  };
}

export const OverTimePlot = gated(dynamic(() => load().then((m) => m.OverTimePlot), { ssr: false, loading: Loading }));
export const FunnelPlot = gated(dynamic(() => load().then((m) => m.FunnelPlot), { ssr: false, loading: Loading }));
export const VariantPlot = gated(dynamic(() => load().then((m) => m.VariantPlot), { ssr: false, loading: Loading }));
export const StepPlot = gated(dynamic(() => load().then((m) => m.StepPlot), { ssr: false, loading: Loading }));
