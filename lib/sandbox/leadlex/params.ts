/** Query-string validation the way the Leadlex gateway answers it: a 400 `invalid_parameter` naming the parameter. */

export class InvalidParameter extends Error {}

export function intParam(q: URLSearchParams, name: string, fallback: number, min: number, max: number): number {
  const raw = q.get(name);
  if (raw === null || raw === "") return fallback;
  if (!/^-?\d+$/.test(raw.trim())) throw new InvalidParameter(`${name} must be an integer`);
  const n = Number(raw);
  if (n < min || n > max)
    throw new InvalidParameter(
      max === Number.MAX_SAFE_INTEGER ? `${name} must be at least ${min}` : `${name} must be between ${min} and ${max}`,
    );
  return n;
}

const ISO_RE = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?)?$/i;

/**
 * An ISO 8601 date or timestamp in ms. A timestamp without an offset is UTC
 * (JavaScript would read it as local time), a bare date is its UTC midnight.
 */
export function parseIsoMs(value: string): number | null {
  const v = value.trim();
  const m = ISO_RE.exec(v);
  if (!m) return null;
  const hasTime = m[4] !== undefined;
  const hasZone = m[7] !== undefined;
  const ms = Date.parse(hasTime && !hasZone ? `${v.replace(" ", "T")}Z` : v.replace(" ", "T"));
  return Number.isFinite(ms) ? ms : null;
}

export function dateParam(q: URLSearchParams, name: string): number | null {
  const raw = q.get(name);
  if (raw === null || raw === "") return null;
  const ms = parseIsoMs(raw);
  if (ms === null) throw new InvalidParameter(`${name} must be an ISO 8601 date or timestamp`);
  return ms;
}

export function enumParam<T extends string>(q: URLSearchParams, name: string, allowed: readonly T[]): T | null {
  const raw = q.get(name);
  if (raw === null || raw === "") return null;
  if (!(allowed as readonly string[]).includes(raw))
    throw new InvalidParameter(`${name} must be one of ${allowed.join(", ")}`);
  return raw as T;
}
