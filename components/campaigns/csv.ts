// Chart data as CSV, through the one writer (lib/csv.ts), and the browser download.
import type { CsvColumn } from "@/lib/csv";
import { ENGAGEMENT_COUNTS } from "@/lib/model/plain/campaign";

export { csvFileName, toCsv, type CsvColumn } from "@/lib/csv";

type Count = (typeof ENGAGEMENT_COUNTS)[number];

/** One column per engagement count (every one unless `keys` says which), headed by its name. */
export function countColumns<R>(
  count: (row: R, key: Count) => number,
  keys: readonly Count[] = ENGAGEMENT_COUNTS,
): CsvColumn<R>[] {
  return keys.map((k) => ({ header: k, value: (r) => count(r, k) }));
}

/** One `<rate>_rate` column per rate, to four decimals; blank where the rate has no figure. */
export function rateColumns<R, K extends string>(
  keys: readonly K[],
  rate: (row: R, key: K) => number | null | undefined,
): CsvColumn<R>[] {
  return keys.map((k) => ({ header: `${k}_rate`, value: (r) => rate(r, k)?.toFixed(4) }));
}

export function downloadCsv(name: string, csv: string): void {
  const url = URL.createObjectURL(new Blob([csv], { type: "text/csv;charset=utf-8" }));
  const a = document.createElement("a");
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
