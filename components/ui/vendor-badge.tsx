import { VENDOR_LABELS, type Vendor } from "@/lib/model/vendor";
import { cn } from "@/lib/utils";

export function VendorDot({ vendor, className }: { vendor: Vendor; className?: string }) {
  return (
    <span
      aria-hidden
      className={cn("inline-block size-2 rounded-full", className)}
      // The colour is the vendor's meta colour, set once as a CSS variable (components/ui/vendor-colors.tsx).
      style={{ backgroundColor: `var(--vendor-${vendor})` }}
    />
  );
}

export function VendorBadge({ vendor, className }: { vendor: Vendor; className?: string }) {
  return (
    <span
      className={cn(
        "inline-flex items-center gap-1.5 rounded-md border bg-card px-1.5 py-0.5 text-xs font-medium",
        className,
      )}
    >
      <VendorDot vendor={vendor} />
      {VENDOR_LABELS[vendor]}
    </span>
  );
}
