import {
  ArrowDown,
  ArrowRight,
  ArrowUp,
  BriefcaseBusiness,
  CalendarClock,
  CircleCheck,
  CircleDashed,
  CircleDot,
  Hand,
  type LucideIcon,
  Mail,
  MessageCircle,
  Phone,
  Ban,
} from "@/components/ui/icons";
import { Badge } from "@/components/ui/badge";
import type { TaskStatus } from "@/lib/model/plain/task";
import { TASK_STATUS_LABELS, TASK_TYPE_LABELS } from "@/lib/model/plain/tasks-query";
import { cn } from "@/lib/utils";

const TYPE_ICONS: Record<string, LucideIcon> = {
  email: Mail,
  call: Phone,
  linkedin: BriefcaseBusiness,
  manual: Hand,
  meeting: CalendarClock,
  whatsapp: MessageCircle,
};

export const typeLabel = (type: string) => TASK_TYPE_LABELS[type] ?? type.charAt(0).toUpperCase() + type.slice(1);

export function TypeIcon({ type, className }: { type: string; className?: string }) {
  const Icon = TYPE_ICONS[type] ?? CircleDot;
  return <Icon className={cn("size-3.5 text-muted-foreground", className)} aria-hidden />;
}

/** A task type with its icon, or in `compact` form the icon alone (the word for screen readers and on hover). */
export function TaskType({ type, className, compact }: { type: string; className?: string; compact?: boolean }) {
  if (compact)
    return (
      <span className={cn("inline-flex items-center", className)} title={typeLabel(type)}>
        <TypeIcon type={type} className="size-4" />
        <span className="sr-only">{typeLabel(type)}</span>
      </span>
    );
  return (
    <span className={cn("inline-flex items-center gap-1.5 text-sm whitespace-nowrap", className)}>
      <TypeIcon type={type} />
      {typeLabel(type)}
    </span>
  );
}

export const PRIORITY_META = {
  high: { label: "High", icon: ArrowUp, className: "text-destructive" },
  medium: { label: "Medium", icon: ArrowRight, className: "text-warning" },
  low: { label: "Low", icon: ArrowDown, className: "text-muted-foreground" },
} as const;

export function Priority({ priority }: { priority: "low" | "medium" | "high" | null }) {
  if (!priority) return <span className="text-sm text-muted-foreground">—</span>;
  const m = PRIORITY_META[priority];
  return (
    <span className="inline-flex items-center gap-1 text-sm whitespace-nowrap">
      <m.icon className={cn("size-3.5", m.className)} aria-hidden />
      {m.label}
    </span>
  );
}

const STATUS_ICONS: Record<TaskStatus, LucideIcon> = { open: CircleDashed, done: CircleCheck, ignored: Ban };

export function StatusIcon({ status, className }: { status: TaskStatus; className?: string }) {
  const Icon = STATUS_ICONS[status] ?? CircleDashed;
  return <Icon className={className} aria-hidden />;
}

const STATUS_TONE: Record<TaskStatus, string> = {
  open: "text-muted-foreground",
  done: "text-success",
  ignored: "text-muted-foreground/70",
};

/** A status badge, or in `compact` form its icon alone (the word for screen readers and on hover). */
export function Status({ status, compact }: { status: TaskStatus; compact?: boolean }) {
  if (compact) {
    return (
      <span className="inline-flex items-center" title={TASK_STATUS_LABELS[status]}>
        <StatusIcon status={status} className={cn("size-4", STATUS_TONE[status])} />
        <span className="sr-only">{TASK_STATUS_LABELS[status]}</span>
      </span>
    );
  }
  return (
    <Badge variant={status === "open" ? "outline" : status === "done" ? "success" : "muted"}>
      <StatusIcon status={status} />
      {TASK_STATUS_LABELS[status]}
    </Badge>
  );
}

/** An assignee's name; a vendor that only gives an id shows a short form of it. */
export function assigneeLabel(a: { id: string | null; name: string | null } | null): string {
  if (!a) return "Unassigned";
  if (a.name) return a.name;
  const id = a.id ?? "";
  return id.length > 14 ? `${id.slice(0, 10)}…` : id || "Unknown user";
}
