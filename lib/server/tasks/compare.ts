import "server-only";
import type { TaskListItem } from "@/lib/model/tasks-query";
import type { MappedTask } from "@/lib/vendors/types";

type Comparable = Pick<MappedTask, "status" | "dueAt" | "dueDate" | "dueIsDateOnly" | "priority" | "assignee">;

const instant = (s: string | null) => (s ? Date.parse(s) : null);

/**
 * Whether the vendor's task differs from the stored one in what a person acts on: status,
 * due date, assignee, priority. `vendor` null means the vendor no longer lists it as open
 * (`listsOpenOnly`), which matches a stored task that is done already.
 */
export function differs(stored: Comparable, vendor: Comparable | null): boolean {
  if (!vendor) return stored.status === "open";
  return (
    stored.status !== vendor.status ||
    stored.dueIsDateOnly !== vendor.dueIsDateOnly ||
    (stored.dueIsDateOnly ? stored.dueDate !== vendor.dueDate : instant(stored.dueAt) !== instant(vendor.dueAt)) ||
    (stored.assignee?.id ?? null) !== (vendor.assignee?.id ?? null) ||
    (stored.priority ?? null) !== (vendor.priority ?? null)
  );
}

/** The fields of a task the audit log records. */
export const snapshot = (x: TaskListItem) => ({
  status: x.status,
  dueAt: x.dueAt,
  dueIsDateOnly: x.dueIsDateOnly,
  assignee: x.assignee?.id ?? null,
  priority: x.priority,
});
