"use client";

import type { Table } from "@tanstack/react-table";
import { Check, Settings2 } from "lucide-react";
import { DropdownMenu as D } from "radix-ui";
import { Button } from "@/components/ui/button";

/** The column visibility menu (shadcn "view options"). */
export function ViewOptions<T>({ table }: { table: Table<T> }) {
  const columns = table.getAllLeafColumns().filter((c) => c.columnDef.meta?.hideable);
  return (
    <D.Root>
      <D.Trigger asChild>
        <Button variant="secondary" size="sm" aria-label="Choose columns">
          <Settings2 aria-hidden />
          Columns
        </Button>
      </D.Trigger>
      <D.Portal>
        <D.Content align="end" sideOffset={6} className="z-50 w-44 rounded-lg border bg-card p-1 text-sm text-card-foreground shadow-lg">
          <D.Label className="px-2 py-1.5 text-xs font-medium text-muted-foreground">Show columns</D.Label>
          {columns.map((c) => (
            <D.CheckboxItem
              key={c.id}
              checked={c.getIsVisible()}
              onCheckedChange={(v) => c.toggleVisibility(!!v)}
              onSelect={(e) => e.preventDefault()}
              className="flex cursor-pointer items-center gap-2 rounded-md px-2 py-1.5 outline-none data-[highlighted]:bg-muted"
            >
              <span className="flex size-4 items-center justify-center">
                <D.ItemIndicator>
                  <Check className="size-3.5" aria-hidden />
                </D.ItemIndicator>
              </span>
              {c.columnDef.meta?.label ?? c.id}
            </D.CheckboxItem>
          ))}
        </D.Content>
      </D.Portal>
    </D.Root>
  );
}
