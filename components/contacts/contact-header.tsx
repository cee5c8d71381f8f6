import { Building2, ExternalLink, Mail } from "@/components/ui/icons";
import type { ReactNode } from "react";
import { LazyPopover } from "@/components/ui/lazy-popover";
import { RelativeTime } from "@/components/ui/relative-time";
import { VendorDot } from "@/components/ui/vendor-badge";
import type { ContactDetail } from "@/lib/model/contacts-query";
import type { Identity } from "@/lib/model/contact";
import { identityKindLabel } from "@/lib/model/deep-links";
import { VENDORS, VENDOR_LABELS, type Vendor } from "@/lib/model/vendor";

import { displayName } from "./display-name";
import { vendorMeta } from "@/lib/vendors/metas";

export { displayName };

/** Who this is: name, email, company, every vendor record (each a link into that vendor's app), counts. */
export function ContactHeader({ contact, actions }: { contact: ContactDetail; actions?: ReactNode }) {
  const name = displayName(contact);
  return (
    <header className="space-y-4">
      <div className="flex flex-wrap items-start justify-between gap-4">
        <div className="min-w-0 space-y-1.5">
          <h1 className="truncate text-2xl font-semibold tracking-tight">{name}</h1>
          <p className="flex flex-wrap items-center gap-x-4 gap-y-1 text-sm text-muted-foreground">
            {contact.email ? (
              <a
                href={`mailto:${contact.email}`}
                className="inline-flex items-center gap-1.5 hover:text-foreground hover:underline"
              >
                <Mail aria-hidden className="size-3.5" />
                {contact.email}
              </a>
            ) : (
              <span>No email address</span>
            )}
            {contact.company ? (
              <span className="inline-flex items-center gap-1.5">
                <Building2 aria-hidden className="size-3.5" />
                {contact.company}
              </span>
            ) : null}
            <span>
              {contact.activityCount.toLocaleString("en-GB")} {contact.activityCount === 1 ? "activity" : "activities"}
              {contact.otherTimelineCount ? (
                <span title="The timeline also shows tasks, and items not yet happened or canceled">
                  {" "}
                  + {contact.otherTimelineCount.toLocaleString("en-GB")} upcoming, canceled or tasks
                </span>
              ) : null}
              {contact.lastActivityAt ? (
                <>
                  {" "}
                  · last <RelativeTime iso={contact.lastActivityAt} />
                </>
              ) : null}
              {contact.upcomingAt ? (
                <>
                  {" "}
                  · upcoming <RelativeTime iso={contact.upcomingAt} />
                </>
              ) : null}
            </span>
          </p>
        </div>
        {actions ? <div className="flex items-center gap-2">{actions}</div> : null}
      </div>
      {contact.identities.length ? <IdentityLinks name={name} identities={contact.identities} /> : null}
    </header>
  );
}

/** The record to open first (the vendor's meta.ts `openFirst`): a vendor may show people inside their lead; elsewhere the account-wide contact beats a per-campaign lead. */
function primaryRecord(vendor: Vendor, records: Identity[]): Identity {
  const isLead = (i: Identity) => i.kind === "lead" || i.vendorId.startsWith("lea_") || i.vendorId.startsWith("lead_");
  const preferred = vendorMeta(vendor).openFirst === "lead" ? records.find(isLead) : records.find((i) => !isLead(i));
  return preferred ?? records[0]!;
}

/** One link per vendor into its app; a vendor holding several records of the person (one lead per campaign) lists the rest on demand. */
function IdentityLinks({ name, identities }: { name: string; identities: Identity[] }) {
  const byVendor = VENDORS.map((v) => [v, identities.filter((i) => i.vendor === v)] as const).filter(
    ([, list]) => list.length > 0,
  );
  return (
    <ul aria-label="In your vendors" className="flex flex-wrap gap-2">
      {byVendor.map(([vendor, records]) => {
        const primary = primaryRecord(vendor, records);
        const others = records.filter((r) => r !== primary);
        return (
          <li
            key={vendor}
            className="inline-flex items-stretch overflow-hidden rounded-md border bg-card text-xs font-medium shadow-xs"
          >
            <a
              href={primary.url ?? undefined}
              target="_blank"
              rel="noopener noreferrer"
              aria-label={`Open ${name} in ${VENDOR_LABELS[vendor]} (${identityKindLabel(primary.vendorId, primary.kind)} ${primary.vendorId})`}
              className="inline-flex items-center gap-2 px-2.5 py-1 transition-colors hover:bg-muted"
            >
              <VendorDot vendor={vendor} />
              {VENDOR_LABELS[vendor]}
              <span className="font-normal text-muted-foreground">
                {identityKindLabel(primary.vendorId, primary.kind)}
              </span>
              <ExternalLink aria-hidden className="size-3 text-muted-foreground" />
            </a>
            {others.length ? (
              <LazyPopover
                trigger={
                  <button
                    type="button"
                    aria-label={`${others.length} more ${VENDOR_LABELS[vendor]} ${others.length === 1 ? "record" : "records"}`}
                    className="border-l px-2 font-normal text-muted-foreground transition-colors hover:bg-muted hover:text-foreground"
                  >
                    +{others.length}
                  </button>
                }
                aria-label={`Other ${VENDOR_LABELS[vendor]} records of ${name}`}
                align="start"
                sideOffset={6}
                className="w-72 p-1.5 text-xs"
              >
                <p className="px-2 py-1 text-muted-foreground">
                  Other {VENDOR_LABELS[vendor]} records of {name}
                </p>
                <ul>
                  {others.map((r) => (
                    <li key={r.vendorId}>
                      <a
                        href={r.url ?? undefined}
                        target="_blank"
                        rel="noopener noreferrer"
                        className="flex items-center gap-2 rounded-md px-2 py-1.5 hover:bg-muted"
                      >
                        <span className="text-muted-foreground">{identityKindLabel(r.vendorId, r.kind)}</span>
                        <span className="min-w-0 flex-1 truncate font-mono">{r.vendorId}</span>
                        <ExternalLink aria-hidden className="size-3 shrink-0 text-muted-foreground" />
                      </a>
                    </li>
                  ))}
                </ul>
              </LazyPopover>
            ) : null}
          </li>
        );
      })}
    </ul>
  );
}
