// The data behind each chart as CSV (RFC 4180: quoted when needed, CRLF line ends).

export type CsvColumn<T> = { header: string; value: (row: T) => string | number | null | undefined };

function cell(v: string | number | null | undefined): string {
  if (v === null || v === undefined) return "";
  const s = String(v);
  // A leading = + - @ would be read as a formula by spreadsheets: quote it as text.
  const safe = /^[=+\-@\t\r]/.test(s) && !/^-?\d/.test(s) ? `'${s}` : s;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function toCsv<T>(rows: readonly T[], columns: readonly CsvColumn<T>[]): string {
  return (
    [
      columns.map((c) => cell(c.header)).join(","),
      ...rows.map((r) => columns.map((c) => cell(c.value(r))).join(",")),
    ].join("\r\n") + "\r\n"
  );
}

/** A file name from parts: "spring-outreach-by-step-2026-03-01-2026-03-31.csv". */
export function csvFileName(...parts: string[]): string {
  const slug = parts
    .join("-")
    .toLowerCase()
    .normalize("NFD")
    .replace(/[^\w-]+/g, "-")
    .replace(/-+/g, "-")
    .replace(/^-|-$/g, "");
  return `${slug.slice(0, 120) || "data"}.csv`;
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
