/** Query-parameter parsing for the Smartlead simulator. */

const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}:?\d{2})?$/i;

function validDay(y: number, m: number, d: number): boolean {
  return m >= 1 && m <= 12 && d >= 1 && d <= new Date(Date.UTC(y, m, 0)).getUTCDate();
}

/**
 * Seed 001: `event_time_from/to` accept "ISO 8601 format (e.g. 2025-11-25T00:00:00.000Z)
 * or YYYY-MM-DD". A date-only bound covers its whole UTC day (the seed's example asks for
 * `2025-11-01` to `2025-11-30`, i.e. all of November); an ISO time without an offset is UTC.
 * Returns epoch ms, or NaN when the value is not such a date.
 */
export function parseEventTime(value: string, bound: "start" | "end"): number {
  const v = value.trim();
  const d = DATE_ONLY.exec(v);
  if (d) {
    const [y, m, day] = [Number(d[1]), Number(d[2]), Number(d[3])];
    if (!validDay(y, m, day)) return NaN;
    const start = Date.UTC(y, m - 1, day);
    return bound === "start" ? start : start + 86_400_000 - 1;
  }
  const t = DATE_TIME.exec(v);
  if (!t) return NaN;
  const [y, m, day, hh, mm, ss] = [1, 2, 3, 4, 5, 6].map((i) => Number(t[i] ?? 0)) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  if (!validDay(y, m, day) || hh > 23 || mm > 59 || ss > 59) return NaN;
  const frac = (t[7] ?? "0").slice(0, 3).padEnd(3, "0");
  let zone = t[8] ?? "Z";
  if (/^[+-]\d{4}$/.test(zone)) zone = `${zone.slice(0, 3)}:${zone.slice(3)}`;
  const ms = Date.parse(
    `${t[1]}-${t[2]}-${t[3]}T${t[4]}:${t[5]}:${String(ss).padStart(2, "0")}.${frac}${zone.toUpperCase()}`,
  );
  return Number.isFinite(ms) ? ms : NaN;
}

/** A `YYYY-MM-DD` calendar day, or null. */
export function parseDay(value: string | null): string | null {
  const d = value ? DATE_ONLY.exec(value.trim()) : null;
  return d && validDay(Number(d[1]), Number(d[2]), Number(d[3])) ? d[0] : null;
}
