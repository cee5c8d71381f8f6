import {
  ArrowRightLeft,
  BellOff,
  CalendarDays,
  CircleCheck,
  CircleHelp,
  Cog,
  Eye,
  ListTodo,
  Mail,
  MailOpen,
  MailWarning,
  MailX,
  MessageCircle,
  MessageCircleMore,
  MessageSquare,
  MessageSquareReply,
  MousePointerClick,
  Phone,
  Reply,
  StickyNote,
  ThumbsDown,
  ThumbsUp,
  UserCheck,
  UserPlus,
  Workflow,
  type LucideIcon,
} from "@/components/ui/icons";
import type { TimelineKind } from "@/lib/model/plain/timeline";
import { cn } from "@/lib/utils";

const ICONS: Record<TimelineKind, LucideIcon> = {
  email_sent: Mail,
  email_opened: MailOpen,
  email_clicked: MousePointerClick,
  email_replied: Reply,
  email_bounced: MailX,
  email_failed: MailWarning,
  unsubscribed: BellOff,
  interested: ThumbsUp,
  not_interested: ThumbsDown,
  linkedin_visit: Eye,
  linkedin_invite_sent: UserPlus,
  linkedin_invite_accepted: UserCheck,
  linkedin_message_sent: MessageSquare,
  linkedin_replied: MessageSquareReply,
  call: Phone,
  sms: MessageCircle,
  whatsapp: MessageCircleMore,
  meeting: CalendarDays,
  note: StickyNote,
  task_completed: CircleCheck,
  status_change: ArrowRightLeft,
  sequence_event: Workflow,
  system: Cog,
  other: CircleHelp,
  task: ListTodo,
};

/** Tones from the design tokens: replies and interest stand out, failures warn, machine events recede. */
function tone(kind: TimelineKind): string {
  switch (kind) {
    case "email_replied":
    case "linkedin_replied":
    case "interested":
    case "linkedin_invite_accepted":
      return "bg-success/15 text-success";
    case "email_bounced":
    case "email_failed":
    case "unsubscribed":
    case "not_interested":
      return "bg-destructive/12 text-destructive";
    case "call":
    case "meeting":
    case "sms":
    case "whatsapp":
      return "bg-accent text-accent-foreground";
    case "task":
      return "bg-warning/20 text-foreground";
    case "note":
      return "bg-primary/10 text-primary";
    default:
      return "bg-muted text-muted-foreground";
  }
}

export function KindIcon({ kind, className }: { kind: TimelineKind; className?: string }) {
  const Icon = ICONS[kind] ?? CircleHelp;
  return (
    <span
      aria-hidden
      className={cn("flex size-8 shrink-0 items-center justify-center rounded-full", tone(kind), className)}
    >
      <Icon className="size-4" />
    </span>
  );
}
