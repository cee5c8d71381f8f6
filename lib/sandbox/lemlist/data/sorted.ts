import type { LemlistActivity } from "../records";

/** Binary searches and inserts on activity lists kept sorted by createdAt. */

/** First index in `list` (sorted by createdAt) whose time is > t. */
export function upperBound(list: readonly LemlistActivity[], t: number): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (Date.parse(list[mid]!.createdAt) <= t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** First index in `list` (sorted by createdAt) whose time is >= t. */
export function lowerBound(list: readonly LemlistActivity[], t: number): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (Date.parse(list[mid]!.createdAt) < t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Inserts `a` after every row of its time, so rows added later come after those already there. */
export function insertSorted(list: LemlistActivity[], a: LemlistActivity): void {
  const at = upperBound(list, Date.parse(a.createdAt));
  if (at === list.length) list.push(a);
  else list.splice(at, 0, a);
}
