import { cn } from "@/lib/utils";

/** A tiny line of daily values (plain SVG: the list page loads no chart library). */
export function Sparkline({ values, label, className }: { values: number[]; label: string; className?: string }) {
  const w = 64;
  const h = 24;
  const max = Math.max(1, ...values);
  const step = values.length > 1 ? w / (values.length - 1) : w;
  const points = values.map((v, i) => `${(i * step).toFixed(1)},${(h - 2 - (v / max) * (h - 4)).toFixed(1)}`).join(" ");
  const total = values.reduce((a, b) => a + b, 0);
  return (
    <svg
      role="img"
      aria-label={label}
      width={w}
      height={h}
      viewBox={`0 0 ${w} ${h}`}
      className={cn("overflow-visible", className)}
    >
      <title>{label}</title>
      <line x1={0} x2={w} y1={h - 2} y2={h - 2} className="stroke-border" strokeWidth={1} />
      {total > 0 ? (
        <polyline
          points={points}
          fill="none"
          stroke="var(--chart-replied)"
          strokeWidth={1.5}
          strokeLinejoin="round"
          strokeLinecap="round"
        />
      ) : null}
    </svg>
  );
}
