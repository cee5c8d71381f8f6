// Changing tasks at their vendor (API.md "Tasks": PATCH /tasks/{id}, POST /tasks/bulk, GET
// /tasks/bulk/{job}; docs/api-additions.md for GET /tasks/capabilities). The page builds its
// requests from these schemas; the routes parse them.
import { z } from "zod";
import { isCalendarDate } from "@/lib/dates/calendar";
import { TASK_PRIORITIES } from "./plain/task";
import { taskListItemSchema, tasksQuerySchema } from "./tasks-query";
import { vendorSchema } from "./vendor-schema";

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * `{status?, dueAt?, dueIsDateOnly?, assigneeId?, priority?}`. `dueAt` is a `YYYY-MM-DD` day
 * or an ISO datetime with an offset; a day is date-only unless `dueIsDateOnly: false` says
 * otherwise (then it is refused: give the instant); `dueIsDateOnly: true` needs a day.
 */
export const taskChangeSchema = z
  .object({
    status: z.enum(["done", "open"]).optional(),
    dueAt: z
      .string()
      .max(40)
      .refine((s) => (DAY.test(s) ? isCalendarDate(s) : z.iso.datetime({ offset: true }).safeParse(s).success), {
        message: "expected a date (YYYY-MM-DD) or an ISO datetime",
      })
      .optional(),
    dueIsDateOnly: z.boolean().optional(),
    assigneeId: z.string().min(1).max(200).optional(),
    priority: z.enum(TASK_PRIORITIES).optional(),
  })
  .strict()
  .superRefine((v, ctx) => {
    if (Object.values(v).every((x) => x === undefined))
      ctx.addIssue({ code: "custom", message: "nothing to change: give status, dueAt, assigneeId or priority" });
    if (v.dueIsDateOnly !== undefined && v.dueAt === undefined)
      ctx.addIssue({ code: "custom", path: ["dueIsDateOnly"], message: "give dueAt with dueIsDateOnly" });
    if (v.dueAt !== undefined) {
      const day = DAY.test(v.dueAt);
      if (v.dueIsDateOnly === true && !day)
        ctx.addIssue({ code: "custom", path: ["dueAt"], message: "a date-only due date is a day: YYYY-MM-DD" });
      if (v.dueIsDateOnly === false && day)
        ctx.addIssue({ code: "custom", path: ["dueAt"], message: "a timed due date needs a datetime, not a day" });
    }
  });
export type TaskChange = z.infer<typeof taskChangeSchema>;

export const taskIdParamsSchema = z.object({ id: z.string().min(1).max(300) });

/** The GET /tasks parameters as a JSON object (lists as arrays or comma strings). */
const filterSchema = z.preprocess(
  (o) =>
    o && typeof o === "object" && !Array.isArray(o)
      ? Object.fromEntries(
          Object.entries(o).map(([k, v]) => [
            k,
            Array.isArray(v) ? v.join(",") : typeof v === "number" ? String(v) : v,
          ]),
        )
      : o,
  tasksQuerySchema,
);

export const BULK_MAX = 2000;

export const bulkRequestSchema = z
  .object({
    ids: z.array(z.string().min(1).max(300)).min(1).max(BULK_MAX).optional(),
    filter: filterSchema.optional(),
    change: taskChangeSchema,
  })
  .strict()
  .refine((v) => (v.ids ? !v.filter : !!v.filter), { message: "give ids or filter (one of them)", path: ["ids"] });
export type BulkRequest = z.infer<typeof bulkRequestSchema>;

export const bulkStartedSchema = z.object({ jobId: z.string() });
export const bulkJobParamsSchema = z.object({ job: z.string().min(1).max(100) });

export const bulkJobSchema = z.object({
  state: z.enum(["running", "done"]),
  total: z.number().int(),
  done: z.number().int(),
  failed: z.array(z.object({ id: z.string(), detail: z.string() })),
});
export type BulkJob = z.infer<typeof bulkJobSchema>;

/** A 409's extra member: the task as the vendor has it now (null: gone from the vendor's open tasks). */
export const taskConflictSchema = z.object({ detail: z.string(), vendorTask: taskListItemSchema.nullable() });

export const taskWriteCapabilitiesSchema = z.object({
  complete: z.boolean(),
  reopen: z.boolean(),
  reschedule: z.boolean(),
  reassign: z.boolean(),
  priority: z.boolean(),
  readOnly: z.string().nullable(),
  noReopen: z.string().optional(),
});

/** GET /tasks/capabilities: what the caller may do to which connection's tasks, and to whom tasks can go. */
export const taskCapabilitiesSchema = z.object({
  role: z.enum(["owner", "admin", "member", "viewer"]),
  /** Members act on tasks assigned to these vendor users (their linked identities). */
  identities: z.array(z.object({ vendor: vendorSchema, vendorUserId: z.string() })),
  /** Everyone's tasks, or only the caller's own. */
  scope: z.enum(["all", "own", "none"]),
  connections: z.array(
    z.object({
      connectionId: z.string(),
      vendor: vendorSchema,
      label: z.string(),
      actions: taskWriteCapabilitiesSchema,
      /** Why actions are off on this connection (a key the vendor refused to write with), null when on. */
      disabled: z.string().nullable(),
    }),
  ),
  /** Teammates linked to each vendor: reassign targets. */
  teammates: z.array(z.object({ vendor: vendorSchema, vendorUserId: z.string(), name: z.string() })),
});
export type TaskCapabilities = z.infer<typeof taskCapabilitiesSchema>;
export type TaskWriteCapabilities = z.infer<typeof taskWriteCapabilitiesSchema>;
