"use client";

import { MessageSquareReply } from "@/components/ui/icons";
import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { QuietNote } from "@/components/ui/quiet-note";
import type { Engagement } from "@/lib/model/engagement";
import { REPLY_CLASS_LABELS } from "@/lib/model/plain/reply-class";
import { fmtDateTime } from "./format";

/** The latest replies in range; each person links to their timeline. Vendor text is shown as text. */
export function TopReplies({ data }: { data: Engagement }) {
  return (
    <Card aria-label="Latest replies">
      <CardHeader>
        <CardTitle>Latest replies</CardTitle>
        <CardDescription className="text-xs">
          Replies written by people first, newest first; then auto-replies, opt-outs and bounce notices. Open a person
          to see every touch.
        </CardDescription>
      </CardHeader>
      <CardContent>
        {data.topReplies.length === 0 ? (
          <QuietNote icon={MessageSquareReply} className="rounded-lg border border-dashed px-4 py-8">
            No replies in this range yet.
          </QuietNote>
        ) : (
          <ol className="divide-y">
            {data.topReplies.map((r) => {
              const who = r.name || r.email || "Unknown person";
              return (
                <li key={r.activityId} className="grid gap-1 py-2.5 first:pt-0 last:pb-0">
                  <div className="flex flex-wrap items-center gap-x-2 gap-y-1 text-sm">
                    {r.contactId ? (
                      <Link
                        href={`/contacts/${encodeURIComponent(r.contactId)}`}
                        className="font-medium underline-offset-4 hover:underline focus-visible:underline"
                      >
                        {who}
                      </Link>
                    ) : (
                      <span className="font-medium">{who}</span>
                    )}
                    {r.name && r.email ? <span className="text-xs text-muted-foreground">{r.email}</span> : null}
                    {r.interested ? <Badge variant="success">Interested</Badge> : null}
                    {r.replyClass && r.replyClass !== "human" ? (
                      <Badge variant="muted">{REPLY_CLASS_LABELS[r.replyClass]}</Badge>
                    ) : null}
                    <span className="ml-auto text-xs text-muted-foreground">
                      {r.step ? `Step ${r.step}` : null}
                      {r.variant ? ` · ${r.variant}` : null}
                      {" · "}
                      <time dateTime={r.occurredAt}>{fmtDateTime(r.occurredAt, data.tz)}</time>
                    </span>
                  </div>
                  {r.preview || r.subject ? (
                    <p className="line-clamp-2 text-sm text-muted-foreground">{r.preview || r.subject}</p>
                  ) : null}
                </li>
              );
            })}
          </ol>
        )}
      </CardContent>
    </Card>
  );
}
