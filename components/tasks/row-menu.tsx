"use client";

import { MoreHorizontal } from "@/components/ui/icons";
import { DropdownMenu } from "radix-ui";
import { useEffect, useRef } from "react";
import { Button } from "@/components/ui/button";
import { TASK_PRIORITIES } from "@/lib/model/plain/task";
import type { TaskCapabilities } from "@/lib/model/task-change";
import type { TaskListItem } from "@/lib/model/tasks-query";
import { VENDOR_LABELS } from "@/lib/model/vendor";
import { useTaskApi } from "./task-actions-context";

// A task row's "More actions" menu: reassign and priority. Loaded on first intent by
// more-actions.tsx, which stands in for it until then.

const item =
  "flex cursor-default items-center rounded-md px-2 py-1.5 text-sm outline-none select-none data-[highlighted]:bg-muted data-[disabled]:opacity-50";

export interface RowMenuProps {
  task: TaskListItem;
  actions: TaskCapabilities["connections"][number]["actions"];
  mates: TaskCapabilities["teammates"];
  label: string;
  /** Pressed before this code was here: open at once. */
  defaultOpen: boolean;
  /** The stand-in button had focus: its replacement takes it. */
  focusTrigger: boolean;
}

export function RowMenu({ task, actions, mates, label, defaultOpen, focusTrigger }: RowMenuProps) {
  const api = useTaskApi();
  const trigger = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (focusTrigger && !defaultOpen) trigger.current?.focus();
    // Once, when it replaces the stand-in.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
  if (!api) return null;
  return (
    <DropdownMenu.Root defaultOpen={defaultOpen}>
      <DropdownMenu.Trigger asChild>
        <Button ref={trigger} variant="ghost" size="icon" className="size-8" aria-label={label}>
          <MoreHorizontal aria-hidden />
        </Button>
      </DropdownMenu.Trigger>
      <DropdownMenu.Portal>
        <DropdownMenu.Content
          align="end"
          sideOffset={6}
          collisionPadding={8}
          className="z-50 min-w-52 rounded-xl border bg-card p-1 shadow-lg"
        >
          <DropdownMenu.Label className="px-2 py-1 text-xs text-muted-foreground">
            Reassign in {VENDOR_LABELS[task.vendor]}
          </DropdownMenu.Label>
          {mates.length ? (
            mates.map((m) => (
              <DropdownMenu.Item
                key={m.vendorUserId}
                className={item}
                onSelect={() => api.change(task, { assigneeId: m.vendorUserId }, `Reassigned to ${m.name}`)}
              >
                {m.name}
              </DropdownMenu.Item>
            ))
          ) : (
            <DropdownMenu.Item disabled className={item}>
              No teammate is linked to {VENDOR_LABELS[task.vendor]}
            </DropdownMenu.Item>
          )}
          {actions.priority ? (
            <>
              <DropdownMenu.Separator className="my-1 h-px bg-border" />
              <DropdownMenu.Label className="px-2 py-1 text-xs text-muted-foreground">Priority</DropdownMenu.Label>
              {TASK_PRIORITIES.map((p) => (
                <DropdownMenu.Item
                  key={p}
                  className={item}
                  disabled={task.priority === p}
                  onSelect={() => api.change(task, { priority: p }, `Priority ${p}`)}
                >
                  {p[0]!.toUpperCase() + p.slice(1)}
                </DropdownMenu.Item>
              ))}
            </>
          ) : null}
          {task.status === "open" && !actions.reopen ? (
            <p className="max-w-60 px-2 py-1.5 text-xs text-muted-foreground">{actions.noReopen}</p>
          ) : null}
        </DropdownMenu.Content>
      </DropdownMenu.Portal>
    </DropdownMenu.Root>
  );
}
