// Every campaign chart's series, labelled and coloured once (the --chart-* design tokens), so
// "Replied" is the same colour on the funnel, the steps and the line chart. A chart picks the
// series it draws, in its own order (the order of its bars, lines and legend).
import type { ChartConfig } from "@/components/ui/chart";

const COUNTS = {
  sent: { label: "Sent", color: "var(--chart-sent)" },
  // Only the funnel draws it: a paler "sent", as most of what is sent is delivered.
  delivered: { label: "Delivered", color: "color-mix(in oklch, var(--chart-sent) 60%, var(--background))" },
  opened: { label: "Opened", color: "var(--chart-opened)" },
  clicked: { label: "Clicked", color: "var(--chart-clicked)" },
  replied: { label: "Replied", color: "var(--chart-replied)" },
  bounced: { label: "Bounced", color: "var(--chart-bounced)" },
  interested: { label: "Interested", color: "var(--chart-interested)" },
} satisfies ChartConfig;

const RATES = {
  open: { label: "Open rate", color: COUNTS.opened.color },
  click: { label: "Click rate", color: COUNTS.clicked.color },
  reply: { label: "Reply rate", color: COUNTS.replied.color },
  bounce: { label: "Bounce rate", color: COUNTS.bounced.color },
} satisfies ChartConfig;

function pick<C extends ChartConfig, K extends keyof C & string>(config: C, keys: readonly K[]): Pick<C, K> {
  return Object.fromEntries(keys.map((k) => [k, config[k]])) as Pick<C, K>;
}

/** Counts (sent, opened…) in the order given. */
export const countSeries = <K extends keyof typeof COUNTS>(...keys: K[]) => pick(COUNTS, keys);
/** Rates (open, reply…) in the order given. */
export const rateSeries = <K extends keyof typeof RATES>(...keys: K[]) => pick(RATES, keys);
