import Link from "next/link";
import type { ReactNode } from "react";
import { cn } from "@/lib/utils";

/** A campaign's name linking to its page: the campaigns list, the compare table and the overview's watch list. */
export function CampaignLink({
  campaign,
  className,
  children,
}: {
  campaign: { id: string; name: string };
  className?: string;
  /** What goes before the name (a vendor dot). */
  children?: ReactNode;
}) {
  return (
    <Link
      href={`/campaigns/${encodeURIComponent(campaign.id)}`}
      className={cn("font-medium underline-offset-4 hover:underline focus-visible:underline", className)}
    >
      {children}
      {campaign.name}
    </Link>
  );
}
