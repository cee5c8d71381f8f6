/** Query-string parsing for the Close simulator; a bad value throws `BadRequest` (a Close 400). */

export class BadRequest extends Error {
  constructor(message: string) {
    super(message);
  }
}

/** Comma-separated values of one or more parameters (`lead_id` and `lead_id__in` alike). */
export function listParam(q: URLSearchParams, ...names: string[]): string[] | null {
  let out: string[] | null = null;
  for (const name of names) {
    for (const raw of q.getAll(name)) {
      const parts = raw
        .split(",")
        .map((s) => s.trim())
        .filter(Boolean);
      out = [...(out ?? []), ...parts];
    }
  }
  return out;
}

export function intParam(q: URLSearchParams, name: string, dflt: number, min: number): number {
  const raw = q.get(name);
  if (raw === null || raw === "") return dflt;
  if (!/^\d+$/.test(raw.trim()))
    throw new BadRequest(`${name}: must be a non-negative integer, got ${JSON.stringify(raw)}`);
  const n = Number(raw);
  if (n < min) throw new BadRequest(`${name}: must be at least ${min}`);
  return n;
}

export function boolParam(q: URLSearchParams, name: string): boolean | null {
  const raw = q.get(name);
  if (raw === null || raw === "") return null;
  const v = raw.trim().toLowerCase();
  if (v === "true" || v === "1") return true;
  if (v === "false" || v === "0") return false;
  throw new BadRequest(`${name}: must be true or false`);
}

const INSTANT = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,6}))?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

/**
 * "datetime or date" (seed 004) as a sortable key in Close's own format
 * (`YYYY-MM-DDTHH:MM:SS.ffffff+00:00`, UTC), so it compares with stored dates as strings.
 * A date alone is midnight UTC; a datetime without offset is UTC. Null when unparseable.
 */
export function instantKey(raw: string): string | null {
  const m = INSTANT.exec(raw.trim());
  if (!m) return null;
  const [, y, mo, d, h = "00", mi = "00", s = "00", frac = "", tz = "Z"] = m;
  // Date.UTC rolls 2026-02-31 over to March; Close would refuse it.
  if (new Date(Date.UTC(Number(y), Number(mo) - 1, Number(d))).getUTCDate() !== Number(d) || Number(mo) > 12)
    return null;
  if (Number(h) > 23 || Number(mi) > 59 || Number(s) > 59) return null;
  let ms = Date.UTC(
    Number(y),
    Number(mo) - 1,
    Number(d),
    Number(h),
    Number(mi),
    Number(s),
    Number(frac.padEnd(6, "0").slice(0, 3)),
  );
  if (tz !== "Z") {
    const sign = tz[0] === "-" ? -1 : 1;
    const digits = tz.slice(1).replace(":", "");
    ms -= sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2))) * 60_000;
  }
  return new Date(ms).toISOString().slice(0, 23) + frac.padEnd(6, "0").slice(3) + "+00:00";
}

export function dateParam(q: URLSearchParams, name: string): string | null {
  const raw = q.get(name);
  if (raw === null || raw === "") return null;
  const key = instantKey(raw);
  if (!key) throw new BadRequest(`${name}: not a valid date or datetime: ${JSON.stringify(raw)}`);
  return key;
}

/** The instant key of a stored value (`YYYY-MM-DD` task dates included). */
export function storedKey(value: string): string {
  return value.length === 10 ? `${value}T00:00:00.000000+00:00` : value;
}

/** `_fields=a,b`: a copy of each row with only those fields. */
export function project<T extends object>(rows: T[], fields: string[] | null): Record<string, unknown>[] | T[] {
  if (!fields || fields.length === 0) return rows;
  return rows.map((r) => {
    const out: Record<string, unknown> = {};
    for (const f of fields) if (f in r) out[f] = (r as Record<string, unknown>)[f];
    return out;
  });
}
