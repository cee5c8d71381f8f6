import { z } from "zod";
import { actorSchema } from "./activity";
import { TASK_PRIORITIES, TASK_STATUSES } from "./plain/task";
import { vendorSchema } from "./vendor-schema";

export { TASK_PRIORITIES, TASK_STATUSES, type TaskStatus } from "./plain/task";

export const taskStatusSchema = z.enum(TASK_STATUSES);
export const taskPrioritySchema = z.enum(TASK_PRIORITIES);

export const taskSchema = z.object({
  id: z.string(), // `<vendor>:<vendor id>`
  connectionId: z.string(),
  vendor: vendorSchema,
  vendorType: z.string(), // the vendor's own task type (manual, phone, lead, …)
  type: z.string(), // normalised type shown in the UI: email, call, linkedin, manual, …
  title: z.string(),
  body: z.string().nullable(),
  status: taskStatusSchema,
  /** ISO instant. For date-only tasks it is midnight UTC of `dueDate` and must not be shown as an instant. */
  dueAt: z.iso.datetime().nullable(),
  /** `YYYY-MM-DD` when the vendor gave a calendar day with no time. */
  dueDate: z.iso.date().nullable(),
  dueIsDateOnly: z.boolean(),
  priority: taskPrioritySchema.nullable(),
  assignee: actorSchema.nullable(),
  contactId: z.string().nullable(),
  campaignId: z.string().nullable(),
  campaignName: z.string().nullable().optional(),
  url: z.string().nullable(),
  createdAt: z.iso.datetime().nullable(),
  raw: z.unknown(),
});
export type Task = z.infer<typeof taskSchema>;
