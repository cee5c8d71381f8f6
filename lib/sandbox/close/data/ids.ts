import type { Rng } from "@/lib/sandbox/shared/prng";

export const MIN = 60_000;
export const HOUR = 3_600_000;
export const DAY = 86_400_000;
export const EMPTY: readonly never[] = Object.freeze([]);

const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

/**
 * A Close-style id (`acti_` + random chars). Built as one flat string: `Rng.id` grows
 * its result by `+=`, which V8 keeps as a rope of 40-odd nodes per id (a kilobyte each).
 */
export function rid(rng: Rng, prefix: string, len: number): string {
  const codes = new Array<number>(prefix.length + len);
  for (let i = 0; i < prefix.length; i++) codes[i] = prefix.charCodeAt(i);
  for (let i = 0; i < len; i++)
    codes[prefix.length + i] = ALPHABET.charCodeAt(Math.floor(rng.next() * ALPHABET.length));
  return String.fromCharCode(...codes);
}

export function sortByCreated<T extends { date_created: string; id: string }>(rows: T[]): T[] {
  // Close date strings share one format and offset, so string order is time order.
  return rows.sort((a, b) =>
    a.date_created < b.date_created ? -1 : a.date_created > b.date_created ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0,
  );
}

/** Position where `row` keeps `rows` sorted ascending by (date_created, id). */
export function insertionIndex(
  rows: { date_created: string; id: string }[],
  row: { date_created: string; id: string },
): number {
  let lo = 0;
  let hi = rows.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    const m = rows[mid]!;
    if (m.date_created < row.date_created || (m.date_created === row.date_created && m.id < row.id)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Index of `row` (same date_created and id) in `rows` sorted by (date_created, id), or −1. */
export function indexOfRow(rows: { date_created: string; id: string }[], row: { date_created: string; id: string }) {
  const i = insertionIndex(rows, row);
  return rows[i]?.id === row.id ? i : -1;
}
