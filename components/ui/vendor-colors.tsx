import { VENDOR_METAS } from "@/lib/vendors/metas";

// Each vendor's colour, from its meta.ts, as `--vendor-<id>` for both themes: set once in
// the root layout, read by badges, dots and charts (`var(--vendor-<id>)`).
const css = (theme: "light" | "dark") => VENDOR_METAS.map((m) => `--vendor-${m.id}: ${m.color[theme]};`).join(" ");

export const VENDOR_COLORS_CSS = `:root { ${css("light")} }\n.dark { ${css("dark")} }`;

export function VendorColors() {
  return <style>{VENDOR_COLORS_CSS}</style>;
}
