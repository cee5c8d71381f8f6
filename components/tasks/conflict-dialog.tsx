"use client";

import { Button } from "@/components/ui/button";
import { DialogFooter } from "@/components/ui/dialog";
import { DialogShell } from "@/components/ui/dialog-shell";
import type { TaskChange } from "@/lib/model/task-change";
import type { TaskListItem } from "@/lib/model/tasks-query";
import { VENDOR_LABELS } from "@/lib/model/vendor";
import { applyChange } from "./use-task-mutation";

export interface ConflictState {
  task: TaskListItem;
  change: TaskChange;
  what: string;
  detail: string;
  /** The task as the vendor has it now; null when it is gone from the vendor's open tasks. */
  vendorTask: TaskListItem | null;
}

const due = (t: TaskListItem) =>
  !t.dueAt ? "No due date" : t.dueIsDateOnly ? (t.dueDate ?? t.dueAt.slice(0, 10)) : new Date(t.dueAt).toLocaleString();

function Version({ title, task }: { title: string; task: TaskListItem | null }) {
  return (
    <div className="rounded-lg border p-3 text-sm">
      <h3 className="mb-2 font-medium">{title}</h3>
      {task ? (
        <dl className="grid grid-cols-[5.5rem_1fr] gap-x-2 gap-y-1">
          <dt className="text-muted-foreground">Status</dt>
          <dd>{task.status}</dd>
          <dt className="text-muted-foreground">Due</dt>
          <dd>{due(task)}</dd>
          <dt className="text-muted-foreground">Assignee</dt>
          <dd className="truncate">{task.assignee?.name ?? task.assignee?.id ?? "Unassigned"}</dd>
          {task.priority ? (
            <>
              <dt className="text-muted-foreground">Priority</dt>
              <dd>{task.priority}</dd>
            </>
          ) : null}
        </dl>
      ) : (
        <p className="text-muted-foreground">No longer open there (done or deleted).</p>
      )}
    </div>
  );
}

/** The task changed at the vendor since Touchline read it: nothing was written; show both and let the person choose. */
export function ConflictDialog({
  conflict,
  onClose,
  onApplyMine,
}: {
  conflict: ConflictState | null;
  onClose: () => void;
  onApplyMine: (c: ConflictState) => void;
}) {
  const vendor = conflict ? VENDOR_LABELS[conflict.task.vendor] : "";
  return (
    <DialogShell
      open={!!conflict}
      onOpenChange={(o) => (o ? null : onClose())}
      title={<>Changed in {vendor} meanwhile</>}
      description={conflict?.detail}
    >
      {conflict ? (
        <>
          <div className="grid gap-3 sm:grid-cols-2">
            <Version title={`Now in ${vendor}`} task={conflict.vendorTask} />
            <Version title="Your change" task={applyChange(conflict.task, conflict.change)} />
          </div>
          <DialogFooter>
            <Button variant="secondary" onClick={onClose}>
              Keep {vendor}&apos;s version
            </Button>
            {conflict.vendorTask && conflict.vendorTask.status === "open" ? (
              <Button onClick={() => onApplyMine(conflict)}>Apply my change</Button>
            ) : null}
          </DialogFooter>
        </>
      ) : null}
    </DialogShell>
  );
}
