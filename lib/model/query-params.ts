import { z } from "zod";

import { validTimeZone } from "@/lib/dates/zone";
import { base64urlDecode, base64urlEncode } from "@/lib/base64url";

export { calendarDayOf as dayInZone } from "@/lib/dates/zone";

/**
 * Building blocks for the query-string schemas of the read API (contacts, timeline):
 * comma lists, time zones, opaque keyset cursors. Every failure is reported on the
 * parameter itself (path = the parameter name), never on an index inside it.
 */

/** `a, b,,a` → `["a", "b"]`: trimmed, empty items dropped, each once in first-seen order. */
export const commaParts = (raw: string): string[] => [
  ...new Set(
    raw
      .split(",")
      .map((s) => s.trim())
      .filter(Boolean),
  ),
];

/** `a,b,c` → a de-duplicated list of allowed values; empty → undefined; anything unknown → 400 naming it. */
export function commaList<const T extends string>(allowed: readonly T[], what: string) {
  const set = new Set<string>(allowed);
  return z
    .string()
    .max(2000)
    .transform((raw, ctx): T[] | undefined => {
      const parts = commaParts(raw);
      if (parts.length === 0) return undefined;
      const unknown = parts.filter((p) => !set.has(p));
      if (unknown.length) {
        ctx.addIssue({
          code: "custom",
          message: `unknown ${what} ${unknown.map((u) => JSON.stringify(u.slice(0, 40))).join(", ")}; expected a comma-separated list of ${allowed.join(", ")}`,
        });
        return z.NEVER;
      }
      return parts as T[];
    })
    .optional();
}

/** Empty query values (`?q=`) count as absent. */
export const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .transform((s) => (s === "" ? undefined : s))
    .optional();

/**
 * An IANA zone name, validated by the runtime's time-zone database and returned in its
 * canonical spelling (so PostgreSQL understands it too), or null (lib/dates).
 */
export const canonicalTimeZone = validTimeZone;

export const timeZoneSchema = z
  .string()
  .trim()
  .transform((raw, ctx) => {
    const tz = canonicalTimeZone(raw);
    if (!tz) {
      ctx.addIssue({
        code: "custom",
        message: `unknown time zone ${JSON.stringify(raw.slice(0, 64))}; give an IANA name such as Europe/Paris or UTC`,
      });
      return z.NEVER;
    }
    return tz;
  });

export const limitSchema = z.coerce
  .number({ error: "must be a whole number from 1 to 500" })
  .int("must be a whole number from 1 to 500")
  .min(1, "must be at least 1")
  .max(500, "must be at most 500")
  .default(50);

// ---------------------------------------------------------------------------
// Keyset cursors: base64url(JSON [sortKey, id]). Opaque to clients, validated strictly.

/** An instant with up to microsecond precision, as PostgreSQL keeps it. */
export const CURSOR_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?Z$/;

export interface KeysetCursor {
  /** The sort key of the last row handed out (an instant, or null where the sort allows nulls). */
  at: string | null;
  id: string;
}

export function encodeCursor(c: KeysetCursor): string {
  return base64urlEncode(JSON.stringify([c.at, c.id]));
}

/** Null when `s` is not a cursor this API handed out. */
export function decodeCursor(s: string, opts: { nullableAt: boolean }): KeysetCursor | null {
  if (s.length > 600) return null;
  const text = base64urlDecode(s);
  if (text === null) return null;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  if (!Array.isArray(value) || value.length !== 2) return null;
  const [at, id] = value as unknown[];
  if (typeof id !== "string" || id.length === 0 || id.length > 300) return null;
  if (
    at === null ? !opts.nullableAt : typeof at !== "string" || !CURSOR_INSTANT.test(at) || Number.isNaN(Date.parse(at))
  )
    return null;
  return { at: at as string | null, id };
}

/** An opaque cursor read with `decode`; one it cannot read fails the parameter (400). */
export function readCursor<C>(raw: string, ctx: z.RefinementCtx, decode: (raw: string) => C | null): C {
  const c = decode(raw);
  if (!c) {
    ctx.addIssue({
      code: "custom",
      message: "not a cursor from this API; pass the nextCursor of the previous page unchanged",
    });
    return z.NEVER;
  }
  return c;
}

export const cursorSchema = (opts: { nullableAt: boolean }) =>
  z
    .string()
    .transform((raw, ctx) => (raw === "" ? undefined : readCursor(raw, ctx, (r) => decodeCursor(r, opts))))
    .optional();

// ---------------------------------------------------------------------------
// Wall-clock times in a zone → instants, without a date library.

function zoneOffsetMs(utcMs: number, tz: string): number {
  const parts = new Intl.DateTimeFormat("en-US", {
    timeZone: tz,
    hourCycle: "h23",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
  }).formatToParts(new Date(utcMs));
  const p = (type: string) => Number(parts.find((x) => x.type === type)?.value ?? 0);
  const wall = Date.UTC(p("year"), p("month") - 1, p("day"), p("hour"), p("minute"), p("second"));
  return wall - Math.floor(utcMs / 1000) * 1000;
}

export interface WallClock {
  year: number;
  month: number; // 1-12
  day: number;
  hour?: number;
  minute?: number;
  second?: number;
  ms?: number;
}

/** The instant (ms since epoch) at which clocks in `tz` show `w`. In a DST gap, the first valid instant after it. */
export function zonedToUtc(w: WallClock, tz: string): number {
  const wall = Date.UTC(w.year, w.month - 1, w.day, w.hour ?? 0, w.minute ?? 0, w.second ?? 0, w.ms ?? 0);
  const first = zoneOffsetMs(wall, tz);
  const guess = wall - first;
  const second = zoneOffsetMs(guess, tz);
  return second === first ? guess : wall - second;
}
