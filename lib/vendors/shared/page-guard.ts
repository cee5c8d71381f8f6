import "server-only";
import type { Vendor } from "@/lib/model/vendor";

/**
 * Ends a paginated listing that has stopped moving. A vendor that ignores a paging
 * parameter (an `offset`, a `page`, a cursor) answers every request with the same rows,
 * and a loop that stops only on an empty or short page would then run until a page cap —
 * hours of requests re-reading one page. A listing instead stops at the first page that
 * brings no id it has not already seen in this run, and says so (logged and recorded on
 * the run) so that a vendor change is noticed rather than silently truncating data.
 *
 * One guard per listing: create it where the paging loop starts (per window for windowed
 * reads, so the same record legitimately returned by two windows is not mistaken for a stall).
 */
export class PageGuard {
  private readonly seen = new Set<string>();
  private stalled = false;

  constructor(
    readonly vendor: Vendor,
    readonly stream: string,
  ) {}

  /**
   * Records one page's ids. False when none of them is new — the caller must stop paging
   * (and may attach `warning()` to the page it yields). An empty page is not "fresh" either.
   */
  fresh(ids: Iterable<string>): boolean {
    let added = false;
    let any = false;
    for (const id of ids) {
      any = true;
      if (!this.seen.has(id)) {
        this.seen.add(id);
        added = true;
      }
    }
    if (any && !added) this.stalled = true;
    return added;
  }

  /** True once a non-empty listing repeated itself. */
  get repeated(): boolean {
    return this.stalled;
  }

  /** The words for the run's warnings and the log. */
  warning(): string {
    return `${this.vendor} ${this.stream}: a page brought no record not already read in this run, so paging stopped there (the vendor may have ignored a paging parameter).`;
  }
}
