import "server-only";
import { sql } from "drizzle-orm";
import { addCalendarDays, calendarDayIn, isoWeekStart } from "@/lib/model/engagement";
import { badRequest } from "../../http/errors";
import { queryRows, type Db } from "../../store/db";
import { isoSql } from "./sums";

// The requested range as calendar days of the zone, and the zone's bucket boundaries as
// instants: PostgreSQL's zone rules decide them, the same ones every bucket query uses.

/** PostgreSQL's zone database can lack a zone the JS runtime knows: say so as a 400, not a 500. */
export async function inZone<T>(tz: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (err) {
    if (/time zone .* not recognized/i.test(String((err as { message?: unknown })?.message ?? err)))
      throw badRequest("tz", `the database does not know the time zone ${tz}`);
    throw err;
  }
}

const MAX_BUCKETS = 2000;

/** The zone's bucket boundaries (instants) from `startDay` to the day after `toDay`, stepping by the interval. */
export function bucketDays(fromDay: string, toDay: string, interval: "day" | "week"): string[] {
  const first = interval === "week" ? isoWeekStart(fromDay) : fromDay;
  const stepDays = interval === "week" ? 7 : 1;
  const end = addCalendarDays(toDay, 1);
  const days: string[] = [];
  for (let d = first; d < end; d = addCalendarDays(d, stepDays)) {
    days.push(d);
    if (days.length > MAX_BUCKETS)
      throw badRequest(
        "from",
        `the range holds more than ${MAX_BUCKETS} ${interval}s; choose a shorter range or interval=week`,
      );
  }
  days.push(end);
  return days;
}

/** Local midnights → instants, by PostgreSQL's zone rules (the same ones every bucket query uses). */
export async function instantsOf(db: Db, days: string[], tz: string): Promise<string[]> {
  const rows = await queryRows<{ at: string }>(
    db,
    sql`
    select ${isoSql(sql`(d::timestamp at time zone ${tz})`)} as at
    from unnest(${`{${days.join(",")}}`}::date[]) with ordinality as u(d, n) order by n`,
  );
  return rows.map((r) => r.at);
}

interface Range {
  fromDay: string;
  toDay: string;
}

/** Resolves `from`/`to` to calendar days in tz, defaulting to the campaign's first and last activity (or today). */
export function resolveRange(
  q: { from?: string; to?: string; tz: string },
  first: string | null,
  last: string | null,
  createdAt: string | null,
): Range {
  const today = calendarDayIn(Date.now(), q.tz);
  let fromDay = q.from
    ? calendarDayIn(q.from, q.tz)
    : first
      ? calendarDayIn(first, q.tz)
      : createdAt
        ? calendarDayIn(createdAt, q.tz)
        : today;
  let toDay = q.to ? calendarDayIn(q.to, q.tz) : last ? calendarDayIn(last, q.tz) : today;
  // Only one end given and it lies beyond the campaign's other end: show that one day.
  if (fromDay > toDay) {
    if (!q.from) fromDay = toDay;
    else if (!q.to) toDay = fromDay;
  }
  return { fromDay, toDay };
}
