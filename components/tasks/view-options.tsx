"use client";

import type { Table } from "@tanstack/react-table";
import { Check, Settings2 } from "@/components/ui/icons";
import { Button } from "@/components/ui/button";
import { useMenuButton } from "@/components/ui/use-menu-button";

/**
 * The column visibility menu (shadcn "view options"), a hand-written menu button (see
 * useMenuButton): Enter or Space toggles a column and keeps the menu open. A menu library
 * would add ~10 KB gzip to the tasks page's first load for one checkbox list.
 */
export function ViewOptions<T>({ table }: { table: Table<T> }) {
  const columns = table.getAllLeafColumns().filter((c) => c.columnDef.meta?.hideable);
  const { open, triggerProps, menuProps } = useMenuButton("menuitemcheckbox");

  return (
    <div className="relative">
      <Button {...triggerProps} variant="secondary" size="sm" aria-label="Choose columns">
        <Settings2 aria-hidden />
        Columns
      </Button>
      {open ? (
        <div
          {...menuProps}
          aria-label="Show columns"
          className="absolute top-full right-0 z-50 mt-1.5 w-44 rounded-lg border bg-card p-1 text-sm text-card-foreground shadow-lg"
        >
          <div aria-hidden className="px-2 py-1.5 text-xs font-medium text-muted-foreground">
            Show columns
          </div>
          {columns.map((c) => (
            <button
              key={c.id}
              type="button"
              role="menuitemcheckbox"
              aria-checked={c.getIsVisible()}
              tabIndex={-1}
              onClick={() => c.toggleVisibility(!c.getIsVisible())}
              className="flex w-full cursor-pointer items-center gap-2 rounded-md px-2 py-1.5 text-left outline-none select-none hover:bg-muted focus:bg-muted"
            >
              <span className="flex size-4 items-center justify-center">
                {c.getIsVisible() ? <Check className="size-3.5" aria-hidden /> : null}
              </span>
              {c.columnDef.meta?.label ?? c.id}
            </button>
          ))}
        </div>
      ) : null}
    </div>
  );
}
