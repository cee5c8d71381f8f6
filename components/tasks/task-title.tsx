import { ExternalLink } from "lucide-react";
import type { TaskListItem } from "@/lib/model/tasks-query";
import { VENDOR_LABELS } from "@/lib/model/vendor";
import { cn } from "@/lib/utils";

/** A task's title on one truncated line, with the link that opens it in its vendor (table row and grouped row alike). */
export function TaskTitle({ task: t, className }: { task: TaskListItem; className?: string }) {
  return (
    <div className="flex min-w-0 items-center gap-1.5">
      <span className={cn("truncate font-medium", className)} title={t.title}>
        {t.title}
      </span>
      {t.url ? (
        <a
          href={t.url}
          target="_blank"
          rel="noreferrer noopener"
          className="shrink-0 rounded text-muted-foreground hover:text-foreground"
          aria-label={`Open “${t.title}” in ${VENDOR_LABELS[t.vendor]}`}
        >
          <ExternalLink className="size-3.5" aria-hidden />
        </a>
      ) : null}
    </div>
  );
}
