import { CircleCheck, TriangleAlert } from "@/components/ui/icons";
import { CampaignLink } from "@/components/campaigns/campaign-link";
import { QuietNote } from "@/components/ui/quiet-note";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { VendorDot } from "@/components/ui/vendor-badge";
import { ATTENTION_RULES, type AttentionItem } from "@/lib/server/queries/overview";

const pct = (r: number) => `${(r * 100).toFixed(1)} %`;

/** Campaigns whose bounce rate is high or whose reply rate is falling, worst first. */
export function AttentionList({ items }: { items: AttentionItem[] }) {
  const r = ATTENTION_RULES;
  return (
    <Card aria-label="Campaigns needing attention">
      <CardHeader>
        <CardTitle>Needs attention</CardTitle>
        <CardDescription className="text-xs">
          Bounce rate above {r.bounceRate * 100} % over {r.bounceWindowDays} days, or reply rate down by more than{" "}
          {Math.round((1 - r.replyDropRatio) * 100)} % over the last {r.replyWindowDays} days.
        </CardDescription>
      </CardHeader>
      <CardContent>
        {items.length === 0 ? (
          <QuietNote icon={CircleCheck} iconClassName="text-success">
            Every campaign looks healthy.
          </QuietNote>
        ) : (
          <ul className="divide-y">
            {items.slice(0, 6).map((item) => (
              <li key={item.campaign.id} className="grid gap-1 py-2.5 first:pt-0 last:pb-0">
                <CampaignLink campaign={item.campaign} className="inline-flex items-center gap-2 text-sm">
                  <VendorDot vendor={item.campaign.vendor} />
                </CampaignLink>
                {item.reasons.map((reason) => (
                  <p key={reason.kind} className="flex items-start gap-1.5 text-xs text-muted-foreground">
                    <TriangleAlert className="mt-px size-3.5 shrink-0 text-warning" aria-hidden />
                    {reason.kind === "bounce"
                      ? `Bounce rate ${pct(reason.rate)} — ${reason.bounced} of ${reason.sent} emails in the last ${r.bounceWindowDays} days.`
                      : `Reply rate ${pct(reason.rate)} in the last ${r.replyWindowDays} days, down from ${pct(reason.before)}.`}
                  </p>
                ))}
              </li>
            ))}
          </ul>
        )}
      </CardContent>
    </Card>
  );
}
