// Chart data as CSV, through the one writer (lib/csv.ts), and the browser download.
export { csvFileName, toCsv, type CsvColumn } from "@/lib/csv";

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
