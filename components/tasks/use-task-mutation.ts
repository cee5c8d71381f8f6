"use client";

import { queryOptions, useMutation, useQueryClient } from "@tanstack/react-query";
import { apiFetch } from "@/lib/client/api";
import type { TaskCapabilities, TaskChange } from "@/lib/model/task-change";
import type { TaskListItem, TasksPage } from "@/lib/model/tasks-query";
import { taskKeys } from "./queries";

// Changing tasks from the page: what the viewer may do (capabilities), and the optimistic
// PATCH — the row changes at once, rolls back on a refusal, and takes the vendor's re-read.

export const taskCapabilitiesOptions = () =>
  queryOptions({
    queryKey: [...taskKeys.all, "capabilities"] as const,
    queryFn: ({ signal }) => apiFetch<TaskCapabilities>("/tasks/capabilities", { signal }),
    staleTime: 60_000,
  });

/** Why the viewer cannot act on `task` (words for a tooltip), or null when they can. */
export function blockedReason(caps: TaskCapabilities | undefined, task: TaskListItem): string | null {
  if (!caps || caps.scope === "none") return "Your role can only read tasks.";
  const conn = caps.connections.find((c) => c.connectionId === task.connectionId);
  if (!conn) return "This vendor has no tasks that can be changed.";
  if (conn.actions.readOnly) return conn.actions.readOnly;
  if (conn.disabled) return conn.disabled;
  if (
    caps.scope === "own" &&
    !caps.identities.some((i) => i.vendor === task.vendor && i.vendorUserId === task.assignee?.id)
  )
    return "You can change only tasks assigned to you.";
  return null;
}

export function actionsFor(caps: TaskCapabilities | undefined, task: TaskListItem) {
  return caps?.connections.find((c) => c.connectionId === task.connectionId)?.actions ?? null;
}

/** A refused PATCH: the status, the vendor's reason, and on a 409 the vendor's version. */
export class TaskChangeError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly vendorTask: TaskListItem | null = null,
  ) {
    super(message);
  }
}

export async function patchTask(id: string, change: TaskChange): Promise<TaskListItem> {
  const res = await fetch(`/api/v1/tasks/${encodeURIComponent(id)}`, {
    method: "PATCH",
    headers: { "content-type": "application/json" },
    credentials: "same-origin",
    body: JSON.stringify(change),
  });
  const body = (await res.json().catch(() => null)) as { detail?: string; vendorTask?: TaskListItem } | null;
  if (!res.ok)
    throw new TaskChangeError(res.status, body?.detail ?? `Request failed (${res.status})`, body?.vendorTask);
  return body as TaskListItem;
}

/** The task as the change makes it, shown before the vendor answers. */
export function applyChange(t: TaskListItem, c: TaskChange): TaskListItem {
  const next = { ...t };
  if (c.status) next.status = c.status;
  if (c.dueAt !== undefined) {
    const day = /^\d{4}-\d{2}-\d{2}$/.test(c.dueAt);
    next.dueIsDateOnly = c.dueIsDateOnly ?? day;
    next.dueAt = day ? `${c.dueAt}T00:00:00.000Z` : new Date(c.dueAt).toISOString();
    next.dueDate = day ? c.dueAt : null;
  }
  if (c.assigneeId) next.assignee = { id: c.assigneeId, name: null };
  if (c.priority) next.priority = c.priority;
  return next;
}

type Lists = [readonly unknown[], TasksPage | undefined][];

export function useChangeTask() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ task, change }: { task: TaskListItem; change: TaskChange }) => patchTask(task.id, change),
    onMutate: async ({ task, change }) => {
      await qc.cancelQueries({ queryKey: taskKeys.lists() });
      const previous = qc.getQueriesData<TasksPage>({ queryKey: taskKeys.lists() }) as Lists;
      const optimistic = applyChange(task, change);
      qc.setQueriesData<TasksPage>({ queryKey: taskKeys.lists() }, (page) =>
        page ? { ...page, data: page.data.map((t) => (t.id === task.id ? optimistic : t)) } : page,
      );
      return { previous };
    },
    onError: (_err, _vars, ctx) => {
      for (const [key, data] of ctx?.previous ?? []) qc.setQueryData(key, data);
    },
    onSuccess: (task) => {
      qc.setQueriesData<TasksPage>({ queryKey: taskKeys.lists() }, (page) =>
        page ? { ...page, data: page.data.map((t) => (t.id === task.id ? task : t)) } : page,
      );
    },
    onSettled: (_data, err) => {
      // The vendor's truth decides which list the task belongs in (done ones leave "Open"); a 403 may have turned actions off.
      void qc.invalidateQueries({ queryKey: taskKeys.all });
      if (err instanceof TaskChangeError && err.status === 422)
        void qc.invalidateQueries({ queryKey: taskCapabilitiesOptions().queryKey });
    },
  });
}
