import "server-only";
/** Leadlex timestamps: ISO 8601, sometimes without an offset (read as UTC), sometimes a bare date. */

const ISO_RE = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?)?$/i;
const DATE_ONLY_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Epoch ms of an ISO date or timestamp, or null. Never reads a value in the machine's time zone. */
export function parseInstant(value: unknown): number | null {
  if (typeof value === "number" && Number.isFinite(value)) return value < 1e12 ? value * 1000 : value;
  if (typeof value !== "string") return null;
  const v = value.trim();
  const m = ISO_RE.exec(v);
  if (!m) return null;
  const normalised = v.replace(" ", "T");
  const ms = Date.parse(m[4] !== undefined && m[7] === undefined ? `${normalised}Z` : normalised);
  return Number.isFinite(ms) ? ms : null;
}

export function toIso(value: unknown): string | null {
  const ms = parseInstant(value);
  return ms === null ? null : new Date(ms).toISOString();
}

/** `YYYY-MM-DD` when the value is a calendar day without a time (and a real day), else null. */
export function dateOnly(value: unknown): string | null {
  if (typeof value !== "string") return null;
  const m = DATE_ONLY_RE.exec(value.trim());
  if (!m) return null;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === value.trim() ? value.trim() : null;
}
