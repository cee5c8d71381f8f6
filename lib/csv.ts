// The one CSV writer of every export (tasks, campaign charts, compare): RFC 4180 quoting,
// CRLF line ends, a UTF-8 byte order mark so Excel reads "López" right, and the guard
// against formula injection. zod-free and dependency-free: the browser uses it too.
//
// Formula guard (OWASP "CSV injection"): a cell a spreadsheet would evaluate — starting
// with = + - @, a tab or a carriage return, also after leading spaces — gets a leading
// apostrophe, so it is read as text. Plain numbers ("-12", "+3.5", "1e-3") are left alone,
// but "-1+WEBSERVICE(…)" is not a number and is defused.
//
// Cells never hold a raw line break: it becomes a space. RFC 4180 would allow it quoted,
// but line-based tools (wc -l, a script splitting on "\n") then miscount rows.

export const CSV_BOM = "\uFEFF";
export const CSV_EOL = "\r\n";

export type CsvValue = string | number | boolean | null | undefined;
export type CsvColumn<T> = { header: string; value: (row: T) => CsvValue };

const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;
const FORMULA_START = /^\s*[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/;

/** One cell, quoted when needed and defused when a spreadsheet would run it. */
export function csvCell(value: CsvValue): string {
  if (value === null || value === undefined) return "";
  let s = String(value).replace(/\r\n|[\r\n\u2028\u2029]/g, " ");
  if (typeof value !== "number" && FORMULA_START.test(s) && !NUMBER.test(s.trim())) s = `'${s}`;
  return /[",;]/.test(s) || s !== s.trim() ? `"${s.replace(/"/g, '""')}"` : s;
}

/** One line, with its line end. */
export function csvLine(values: readonly CsvValue[]): string {
  return values.map(csvCell).join(",") + CSV_EOL;
}

/** A whole file: header, rows; `bom` (default true) starts it with the UTF-8 byte order mark. */
export function toCsv<T>(rows: readonly T[], columns: readonly CsvColumn<T>[], opts: { bom?: boolean } = {}): string {
  return (
    (opts.bom === false ? "" : CSV_BOM) +
    csvLine(columns.map((c) => c.header)) +
    rows.map((r) => csvLine(columns.map((c) => c.value(r)))).join("")
  );
}

/** A file name from parts: "spring-outreach-by-step-2026-03-01-2026-03-31-europe-paris.csv". */
export function csvFileName(...parts: string[]): string {
  const slug = parts
    .join("-")
    .toLowerCase()
    .normalize("NFD")
    .replace(/[^\w-]+/g, "-")
    .replace(/-+/g, "-")
    .replace(/^-|-$/g, "");
  return `${slug.slice(0, 140) || "data"}.csv`;
}
