import { ExternalLink } from "@/components/ui/icons";
import Link from "next/link";
import type { TaskListItem } from "@/lib/model/tasks-query";
import { VENDOR_LABELS } from "@/lib/model/vendor";
import { cn } from "@/lib/utils";

// A task's own words and its person, as the table and the grouped rows both show them.

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

/** The task's person, linking to their timeline; the name and email both show on hover. */
export function TaskContactLink({
  contact: c,
  className,
}: {
  contact: NonNullable<TaskListItem["contact"]>;
  className?: string;
}) {
  return (
    <Link
      href={`/contacts/${encodeURIComponent(c.id)}`}
      className={cn("truncate underline-offset-2 hover:underline", className)}
      title={[c.name, c.email].filter(Boolean).join(" · ")}
    >
      {c.name ?? c.email ?? "Unnamed contact"}
    </Link>
  );
}
