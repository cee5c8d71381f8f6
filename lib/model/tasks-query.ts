// The tasks API's query and answer (API.md "Tasks"): the page serialises its filter with
// `tasksSearchParams()` (zod-free, in plain/tasks-query.ts, re-exported here) and the
// route reads it back with `tasksQuerySchema`.
import { z } from "zod";
import { isCalendarDate } from "@/lib/dates/calendar";
import { DUE_GROUPS, DUE_PRESETS, type DuePreset } from "@/lib/dates/due";
import { canonicalTimeZone, isValidTimeZone } from "@/lib/dates/zone";
import { TASK_SORTS, TASK_TYPES, TASKS_DEFAULT_LIMIT, TASKS_MAX_LIMIT, type TaskSort } from "./plain/tasks-query";
import { TASK_STATUSES, taskSchema, type TaskStatus } from "./task";
import { commaParts, readCursor } from "./query-params";
import { type Vendor, VENDORS } from "./vendor";
import { base64urlDecode, base64urlEncode } from "@/lib/base64url";

export {
  ASSIGNEE_ME,
  NO_CAMPAIGN,
  TASK_SORTS,
  TASK_STATUS_LABELS,
  TASK_TYPE_LABELS,
  TASK_TYPES,
  TASKS_DEFAULT_LIMIT,
  TASKS_MAX_LIMIT,
  tasksSearchParams,
  UNASSIGNED,
  type TaskSort,
  type TasksFilter,
} from "./plain/tasks-query";

const blank = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);

/**
 * A comma-separated list (`vendors=a,b`), de-duplicated; empty means absent.
 * An unknown item is reported on the parameter itself (path = its name).
 */
function list<T extends string>(valid: (s: string) => boolean, expected: string) {
  return z.preprocess(
    blank,
    z
      .string()
      .max(4000)
      .transform((raw, ctx): T[] | undefined => {
        const parts = commaParts(raw);
        const bad = parts.filter((p) => !valid(p));
        if (bad.length || parts.length > 200) {
          ctx.addIssue({
            code: "custom",
            message: bad.length
              ? `unknown value ${bad.map((b) => JSON.stringify(b.slice(0, 40))).join(", ")}; expected ${expected}`
              : "too many values",
          });
          return z.NEVER;
        }
        return parts.length ? (parts as T[]) : undefined;
      })
      .optional(),
  );
}
const oneOf =
  <T extends string>(values: readonly T[]) =>
  (s: string) =>
    (values as readonly string[]).includes(s);

const idItem = z.string().min(1).max(300);

/** Keyset position after the last row handed out: the sort it belongs to, its two sort keys and its id. */
export interface TasksCursor {
  s: TaskSort;
  k: [number, number];
  id: string;
}

export function encodeTasksCursor(c: TasksCursor): string {
  return base64urlEncode(JSON.stringify(c));
}

/** Null when `raw` is not a cursor this API handed out. */
export function decodeTasksCursor(raw: string): TasksCursor | null {
  const text = base64urlDecode(raw);
  if (text === null) return null;
  try {
    const c = JSON.parse(text) as Partial<TasksCursor>;
    const ok =
      typeof c === "object" &&
      c !== null &&
      (TASK_SORTS as readonly unknown[]).includes(c.s) &&
      Array.isArray(c.k) &&
      c.k.length === 2 &&
      c.k.every((n) => Number.isSafeInteger(n)) &&
      typeof c.id === "string" &&
      c.id.length > 0 &&
      c.id.length <= 300;
    return ok ? (c as TasksCursor) : null;
  } catch {
    return null;
  }
}
const calendarDate = z.string().refine(isCalendarDate, { message: "expected a date as YYYY-MM-DD" });
const STATUS_FILTERS = [...TASK_STATUSES, "all"] as const;

export const tasksQuerySchema = z
  .object({
    /** `open` (default), `done`, `ignored`, `all`, or a comma list of statuses. */
    status: list<(typeof STATUS_FILTERS)[number]>(
      oneOf(STATUS_FILTERS),
      "a comma list of open, done, ignored or all",
    ).transform((v): TaskStatus[] =>
      !v || v.length === 0
        ? ["open"]
        : v.includes("all")
          ? [...TASK_STATUSES]
          : TASK_STATUSES.filter((s) => v.includes(s)),
    ),
    due: z.preprocess(blank, z.enum(DUE_PRESETS).optional()).transform((v): DuePreset => v ?? "all"),
    dueFrom: z.preprocess(blank, calendarDate.optional()),
    dueTo: z.preprocess(blank, calendarDate.optional()),
    tz: z
      .preprocess(
        blank,
        z
          .string()
          .refine(isValidTimeZone, { message: "unknown time zone: use an IANA name such as Europe/Paris" })
          .optional(),
      )
      .transform((v) => (v ? canonicalTimeZone(v) : "UTC")),
    vendors: list<Vendor>(oneOf(VENDORS), `a comma list of ${VENDORS.join(", ")}`),
    types: list<string>((s) => /^[a-z0-9_-]{1,40}$/.test(s), `task types such as ${TASK_TYPES.join(", ")}`),
    assignee: list<string>((s) => s.length <= 300, "assignee ids"),
    campaignId: list<string>((s) => s.length <= 300, "campaign ids"),
    contactId: z.preprocess(blank, idItem.optional()),
    q: z.preprocess(blank, z.string().trim().max(200).optional()),
    sort: z.preprocess(blank, z.enum(TASK_SORTS).optional()).transform((v): TaskSort => v ?? "dueAt"),
    limit: z
      .preprocess(blank, z.coerce.number().int().min(1).max(TASKS_MAX_LIMIT).optional())
      .transform((v) => v ?? TASKS_DEFAULT_LIMIT),
    cursor: z.preprocess(
      blank,
      z
        .string()
        .max(1000)
        .transform((raw, ctx) => readCursor(raw, ctx, decodeTasksCursor))
        .optional(),
    ),
    /** Extension: one bucket of the grouped view (overdue, today, tomorrow, week, later, none), ANDed with `due`. */
    group: z.preprocess(blank, z.enum(DUE_GROUPS).optional()),
  })
  .superRefine((v, ctx) => {
    if (v.dueFrom && v.dueTo && v.dueFrom > v.dueTo) {
      ctx.addIssue({
        code: "custom",
        path: ["dueFrom"],
        message: `dueFrom (${v.dueFrom}) is after dueTo (${v.dueTo})`,
      });
    }
    if (v.cursor && v.cursor.s !== v.sort) {
      ctx.addIssue({
        code: "custom",
        path: ["cursor"],
        message: "this cursor belongs to another sort order; start again without it",
      });
    }
  });

export type TasksQuery = z.output<typeof tasksQuerySchema>;

// ── Answers ────────────────────────────────────────────────────────────────────────────

export const taskContactSchema = z.object({
  id: z.string(),
  name: z.string().nullable(),
  email: z.string().nullable(),
});
export const taskListItemSchema = taskSchema.extend({ contact: taskContactSchema.nullable() });
export type TaskListItem = z.infer<typeof taskListItemSchema>;

export const tasksPageSchema = z.object({
  data: z.array(taskListItemSchema),
  nextCursor: z.string().nullable(),
  total: z.number().int().min(0),
});
export type TasksPage = z.infer<typeof tasksPageSchema>;

export const facetOptionSchema = z.object({ value: z.string(), label: z.string(), count: z.number().int().min(0) });
export type FacetOption = z.infer<typeof facetOptionSchema>;

/**
 * `GET /tasks/facets` (extension): counts for the filter menus under the current filters.
 * Each dimension is counted with every filter but its own, so a menu shows what picking
 * one more value of it would give. `due` counts each preset (all filters but the due
 * ones); `groups` counts the grouped view's buckets (all filters).
 */
export const taskFacetsSchema = z.object({
  vendors: z.array(facetOptionSchema),
  types: z.array(facetOptionSchema),
  assignees: z.array(facetOptionSchema),
  campaigns: z.array(facetOptionSchema),
  statuses: z.array(facetOptionSchema),
  due: z.record(z.enum(DUE_PRESETS), z.number().int()),
  groups: z.record(z.enum(DUE_GROUPS), z.number().int()),
  /** The zone's "today" the counts were computed with. */
  today: z.string(),
  tz: z.string(),
});
export type TaskFacets = z.infer<typeof taskFacetsSchema>;
