"use client";

import { ExternalLink } from "@/components/ui/icons";
import { safeExternalUrl } from "@/lib/model/deep-links";
import type { TimelineActivityItem, TimelineItem } from "@/lib/model/timeline";
import { VENDOR_LABELS, type Vendor } from "@/lib/model/vendor";
import { cn } from "@/lib/utils";
import { formatDuration } from "./rows";
import { htmlToText } from "@/lib/plain-text";
import { replyThread } from "./text";

// An expanded timeline item's detail, loaded on first hover, focus or expand (see timeline-item.tsx).

function Field({ name, children }: { name: string; children: React.ReactNode }) {
  return (
    <div className="flex gap-2">
      <dt className="w-24 shrink-0 text-muted-foreground">{name}</dt>
      <dd className="min-w-0 break-words">{children}</dd>
    </div>
  );
}

const RAW_LIMIT = 20_000;

export function ItemDetail({
  id,
  item,
  tz,
  vendorLinks,
}: {
  id: string;
  item: TimelineItem;
  tz: string;
  vendorLinks: Partial<Record<Vendor, string>>;
}) {
  const when = new Intl.DateTimeFormat("en-GB", { timeZone: tz, dateStyle: "full", timeStyle: "short" }).format(
    new Date(item.occurredAt),
  );
  const body = htmlToText(item.body);
  const thread = item.type === "activity" ? replyThread(item.raw, item.body) : [];
  const link = safeExternalUrl(item.url) ?? vendorLinks[item.vendor] ?? null;
  let raw = JSON.stringify(item.raw ?? null, null, 2) ?? "null";
  if (raw.length > RAW_LIMIT)
    raw = `${raw.slice(0, RAW_LIMIT)}\n… (${(raw.length - RAW_LIMIT).toLocaleString("en-GB")} more characters)`;
  const activity = item.type === "activity" ? (item as TimelineActivityItem) : null;
  const duration = activity ? formatDuration(activity.durationSeconds) : null;

  return (
    <div id={id} className="space-y-4 border-t px-4 py-4 text-sm">
      <dl className="grid gap-1.5 text-xs sm:grid-cols-2">
        <Field name="When">
          {item.type === "task" && item.dueIsDateOnly && item.dueDate ? `Due ${item.dueDate} (all day)` : when}
        </Field>
        <Field name="Vendor">
          {VENDOR_LABELS[item.vendor]} <span className="text-muted-foreground">({item.vendorType})</span>
        </Field>
        {item.campaignName || item.campaignId ? (
          <Field name="Campaign">
            {item.campaignName ?? item.campaignId}
            {activity?.sequenceStep ? `, step ${activity.sequenceStep}` : ""}
            {activity?.variant ? `, variant ${activity.variant}` : ""}
          </Field>
        ) : null}
        {activity?.actor?.name ? <Field name="By">{activity.actor.name}</Field> : null}
        {activity?.direction ? (
          <Field name="Direction">
            {activity.direction === "inbound" ? "Inbound (from them)" : "Outbound (from us)"}
          </Field>
        ) : null}
        {duration ? <Field name="Duration">{duration}</Field> : null}
        {activity?.state ? (
          <Field name="Status">
            {activity.state === "canceled"
              ? "Canceled — not counted in engagement or last activity"
              : "Scheduled — not sent or held yet, so not counted until it happens"}
          </Field>
        ) : null}
        {activity?.bot ? (
          <Field name="Machine">Yes — an automated open or click (security scanner, image proxy)</Field>
        ) : null}
        {item.type === "task" ? (
          <>
            <Field name="Status">{item.status}</Field>
            {item.priority ? <Field name="Priority">{item.priority}</Field> : null}
            {item.assignee?.name ? <Field name="Assignee">{item.assignee.name}</Field> : null}
          </>
        ) : null}
      </dl>
      {activity?.subject ? <p className="font-medium">{activity.subject}</p> : null}
      {body ? (
        <div className="max-h-96 overflow-auto rounded-md bg-muted/50 p-3 leading-relaxed break-words whitespace-pre-wrap">
          {body}
        </div>
      ) : activity?.preview ? (
        <p className="whitespace-pre-wrap text-muted-foreground">{htmlToText(activity.preview)}</p>
      ) : null}
      {thread.length ? (
        <section aria-label="Reply thread" className="space-y-2">
          <h3 className="text-xs font-semibold tracking-wide text-muted-foreground uppercase">Thread</h3>
          <ol className="space-y-2">
            {thread.map((m, i) => (
              <li
                key={i}
                className={cn("rounded-md border p-3", m.inbound ? "border-success/40 bg-success/5" : "bg-muted/30")}
              >
                <p className="mb-1 text-xs text-muted-foreground">
                  {m.inbound === null ? "Message" : m.inbound ? "Reply" : "Sent"}
                  {m.from ? ` · ${m.from}` : ""}
                  {m.at && !Number.isNaN(Date.parse(m.at))
                    ? ` · ${new Intl.DateTimeFormat("en-GB", { timeZone: tz, dateStyle: "medium", timeStyle: "short" }).format(new Date(m.at))}`
                    : ""}
                </p>
                <p className="break-words whitespace-pre-wrap">{m.body}</p>
              </li>
            ))}
          </ol>
        </section>
      ) : null}
      <div className="flex flex-wrap items-center justify-between gap-3">
        <details className="min-w-0 flex-1 text-xs">
          <summary className="cursor-pointer text-muted-foreground select-none hover:text-foreground">
            Vendor fields
          </summary>
          <pre className="mt-2 max-h-80 overflow-auto rounded-md bg-muted/50 p-3 font-mono text-[11px] leading-snug">
            {raw}
          </pre>
        </details>
        {link ? (
          <a
            href={link}
            target="_blank"
            rel="noopener noreferrer"
            className="inline-flex items-center gap-1.5 rounded-md border bg-card px-3 py-1.5 text-xs font-medium shadow-xs hover:bg-muted"
          >
            Open in {VENDOR_LABELS[item.vendor]}
            <ExternalLink aria-hidden className="size-3.5" />
          </a>
        ) : null}
      </div>
    </div>
  );
}
