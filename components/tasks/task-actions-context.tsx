"use client";

import { useQuery } from "@tanstack/react-query";
import dynamic from "next/dynamic";
import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useRef, useState } from "react";
import type { TaskCapabilities, TaskChange } from "@/lib/model/task-change";
import type { TaskListItem } from "@/lib/model/tasks-query";
import { VENDOR_LABELS } from "@/lib/model/vendor";
import { ActionToast, type ToastState } from "./action-toast";
import type { ConflictState } from "./conflict-dialog";
import {
  actionsFor,
  blockedReason,
  TaskChangeError,
  taskCapabilitiesOptions,
  useChangeTask,
} from "./use-task-mutation";

// Both dialogs (Radix Dialog) load when they open, not with the page.
const ConflictDialog = dynamic(() => import("./conflict-dialog").then((m) => m.ConflictDialog));
const ShortcutsHelp = dynamic(() => import("./shortcuts-help").then((m) => m.ShortcutsHelp));

// Everything the task rows share for acting on tasks: what the viewer may do, the selection
// (checkbox, shift-click range, "select all N matching"), the optimistic change with its
// toast (undo for 10 s where the vendor can undo), the conflict dialog, and the keyboard
// (x select, e complete, s reschedule on the focused row; ? lists them).

interface Ctx {
  caps: TaskCapabilities | undefined;
  tz: string;
  nowMs: number;
  /** Tasks on the current page, in order (shift-click ranges). */
  page: TaskListItem[];
  setPage(tasks: TaskListItem[]): void;
  selected: Map<string, TaskListItem>;
  toggle(task: TaskListItem, range?: boolean): void;
  setSelected(tasks: TaskListItem[]): void;
  clear(): void;
  blocked(task: TaskListItem): string | null;
  change(task: TaskListItem, change: TaskChange, what: string): void;
  pending: Set<string>;
  /** The row whose reschedule menu is open (the `s` key). */
  rescheduling: string | null;
  setRescheduling(id: string | null): void;
}

// Three contexts so that a row re-renders only for what it shows: the actions themselves
// (stable while the page is open), the selection (checkboxes) and the pending/open state (the
// row's buttons). One context for all re-rendered every row's menus on every checkbox tick.
type Api = Pick<
  Ctx,
  "caps" | "tz" | "nowMs" | "setPage" | "toggle" | "setSelected" | "clear" | "blocked" | "change" | "setRescheduling"
>;
const TaskActions = createContext<Ctx | null>(null);
const TaskApi = createContext<Api | null>(null);
const TaskSelection = createContext<Pick<Ctx, "page" | "selected">>({ page: [], selected: new Map() });
const TaskStatus = createContext<Pick<Ctx, "pending" | "rescheduling">>({ pending: new Set(), rescheduling: null });

/** Everything (the bulk bar). Rows use the narrower hooks below. */
export function useTaskActions(): Ctx | null {
  return useContext(TaskActions);
}
export const useTaskApi = () => useContext(TaskApi);
export const useTaskSelection = () => useContext(TaskSelection);
export const useTaskStatus = () => useContext(TaskStatus);

/** The change that puts back what `change` altered, or null where the vendor cannot undo it. */
function inverse(task: TaskListItem, change: TaskChange, caps: TaskCapabilities | undefined): TaskChange | null {
  const out: TaskChange = {};
  if (change.status) {
    if (change.status === "done" && !actionsFor(caps, task)?.reopen) return null;
    out.status = task.status === "done" ? "done" : "open";
  }
  if (change.dueAt !== undefined) {
    if (!task.dueAt) return null;
    Object.assign(
      out,
      task.dueIsDateOnly
        ? { dueAt: task.dueDate ?? task.dueAt.slice(0, 10), dueIsDateOnly: true }
        : { dueAt: task.dueAt, dueIsDateOnly: false },
    );
  }
  if (change.assigneeId) {
    if (!task.assignee?.id) return null;
    out.assigneeId = task.assignee.id;
  }
  if (change.priority) {
    if (!task.priority) return null;
    out.priority = task.priority;
  }
  return out;
}

export function TaskActionsProvider({
  tz,
  nowMs,
  onChanged,
  children,
}: {
  tz: string;
  nowMs: number;
  /** After a change settles (written or refused): pages whose tasks are not the task lists re-read theirs. */
  onChanged?: () => void;
  children: ReactNode;
}) {
  const caps = useQuery(taskCapabilitiesOptions()).data;
  const { mutate } = useChangeTask();
  const [page, setPage] = useState<TaskListItem[]>([]);
  const [selected, setSelectedMap] = useState<Map<string, TaskListItem>>(new Map());
  const [pending, setPending] = useState<Set<string>>(new Set());
  const [toast, setToast] = useState<ToastState | null>(null);
  const [conflict, setConflict] = useState<ConflictState | null>(null);
  const [rescheduling, setRescheduling] = useState<string | null>(null);
  const [help, setHelp] = useState(false);
  const anchor = useRef<string | null>(null);
  const pageRef = useRef(page);
  useEffect(() => {
    pageRef.current = page;
  }, [page]);

  // The undo of a change is a change too; through a ref, as `change` cannot name itself.
  const changeRef = useRef<((task: TaskListItem, c: TaskChange, what: string) => void) | null>(null);
  const blocked = useCallback((task: TaskListItem) => blockedReason(caps, task), [caps]);

  const change = useCallback(
    (task: TaskListItem, c: TaskChange, what: string) => {
      setPending((s) => new Set(s).add(task.id));
      mutate(
        { task, change: c },
        {
          onSuccess: () => {
            const back = inverse(task, c, caps);
            const vendor = VENDOR_LABELS[task.vendor];
            setToast({
              id: Date.now(),
              tone: "ok",
              message: `${what}: “${task.title}” — confirmed by ${vendor}.`,
              note: back ? undefined : (actionsFor(caps, task)?.noReopen ?? `${vendor} cannot undo this.`),
              undo: back
                ? () =>
                    changeRef.current?.(
                      task.status === "done" ? task : { ...task, ...c, status: task.status },
                      back,
                      "Undone",
                    )
                : undefined,
            });
          },
          onError: (err) => {
            if (err instanceof TaskChangeError && err.status === 409)
              setConflict({ task, change: c, what, detail: err.message, vendorTask: err.vendorTask });
            else
              setToast({
                id: Date.now(),
                tone: "error",
                message: `${VENDOR_LABELS[task.vendor]} did not take the change to “${task.title}”.`,
                note: err.message,
              });
          },
          onSettled: () => {
            setPending((s) => {
              const n = new Set(s);
              n.delete(task.id);
              return n;
            });
            onChanged?.();
          },
        },
      );
    },
    [mutate, caps, onChanged],
  );

  useEffect(() => {
    changeRef.current = change;
  }, [change]);

  const toggle = useCallback(
    (task: TaskListItem, range = false) => {
      const page = pageRef.current;
      setSelectedMap((prev) => {
        const next = new Map(prev);
        const from = anchor.current ? page.findIndex((t) => t.id === anchor.current) : -1;
        const to = page.findIndex((t) => t.id === task.id);
        if (range && from >= 0 && to >= 0) {
          const on = !prev.has(task.id);
          for (const t of page.slice(Math.min(from, to), Math.max(from, to) + 1))
            if (on && !blockedReason(caps, t)) next.set(t.id, t);
            else if (!on) next.delete(t.id);
        } else if (next.has(task.id)) next.delete(task.id);
        else next.set(task.id, task);
        return next;
      });
      anchor.current = task.id;
    },
    [caps],
  );

  // Keyboard: on the row holding the focus (its checkbox or a button in it).
  useEffect(() => {
    if (!caps || caps.scope === "none") return;
    const onKey = (e: KeyboardEvent) => {
      if (e.metaKey || e.ctrlKey || e.altKey) return;
      const el = e.target as HTMLElement | null;
      if (
        el?.closest("input:not([type=checkbox]), textarea, select, [contenteditable=true], [role=dialog], [role=menu]")
      )
        return;
      if (e.key === "?") {
        e.preventDefault();
        setHelp(true);
        return;
      }
      const id = el?.closest<HTMLElement>("[data-task-id]")?.dataset.taskId;
      const task = id ? page.find((t) => t.id === id) : undefined;
      if (!task || blockedReason(caps, task)) return;
      if (e.key === "x") {
        e.preventDefault();
        toggle(task, e.shiftKey);
      } else if (e.key === "e" && task.status === "open") {
        e.preventDefault();
        change(task, { status: "done" }, "Completed");
      } else if (e.key === "s") {
        e.preventDefault();
        setRescheduling(task.id);
      }
    };
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, [caps, page, toggle, change]);

  const setSelected = useCallback((tasks: TaskListItem[]) => setSelectedMap(new Map(tasks.map((t) => [t.id, t]))), []);
  const clear = useCallback(() => setSelectedMap(new Map()), []);
  const api = useMemo<Api>(
    () => ({ caps, tz, nowMs, setPage, toggle, setSelected, clear, blocked, change, setRescheduling }),
    [caps, tz, nowMs, toggle, setSelected, clear, blocked, change],
  );
  const selection = useMemo(() => ({ page, selected }), [page, selected]);
  const status = useMemo(() => ({ pending, rescheduling }), [pending, rescheduling]);
  const value = useMemo<Ctx>(() => ({ ...api, ...selection, ...status }), [api, selection, status]);

  return (
    <TaskActions.Provider value={value}>
      <TaskApi.Provider value={api}>
        <TaskSelection.Provider value={selection}>
          <TaskStatus.Provider value={status}>{children}</TaskStatus.Provider>
        </TaskSelection.Provider>
      </TaskApi.Provider>
      <ActionToast toast={toast} onClose={() => setToast(null)} />
      {conflict ? (
        <ConflictDialog
          conflict={conflict}
          onClose={() => setConflict(null)}
          onApplyMine={(c) => {
            setConflict(null);
            if (c.vendorTask) change(c.vendorTask, c.change, c.what);
          }}
        />
      ) : null}
      {help && caps && caps.scope !== "none" ? <ShortcutsHelp open onOpenChange={setHelp} /> : null}
    </TaskActions.Provider>
  );
}

/** Tells the actions which tasks the page shows (shift-click ranges, keyboard), without a render of its own. */
export function PageTasks({ tasks }: { tasks: TaskListItem[] | undefined }) {
  const setPage = useTaskApi()?.setPage;
  useEffect(() => setPage?.(tasks ?? []), [tasks, setPage]);
  return null;
}
