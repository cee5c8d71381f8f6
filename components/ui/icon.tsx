import type { SVGProps } from "react";
import { ICON_SPRITE } from "./icon-sprite";

export type IconProps = Omit<SVGProps<SVGSVGElement>, "children">;
/** An icon component: what lucide-react's `LucideIcon` was to the code that takes one as a prop. */
export type LucideIcon = ((props: IconProps) => React.JSX.Element) & { displayName?: string };

/**
 * An icon drawn from the sprite's `<symbol id={name}>`, with Lucide's own attributes (24-px
 * grid, 2-px round stroke in the current colour) so it looks as lucide-react drew it. Hidden
 * from assistive technology unless given a label, as lucide-react does.
 */
export function spriteIcon(name: string, displayName: string): LucideIcon {
  function Icon({ className, ...rest }: IconProps) {
    const labelled = "aria-label" in rest || "aria-labelledby" in rest || "role" in rest || "title" in rest;
    return (
      <svg
        xmlns="http://www.w3.org/2000/svg"
        width={24}
        height={24}
        viewBox="0 0 24 24"
        fill="none"
        stroke="currentColor"
        strokeWidth={2}
        strokeLinecap="round"
        strokeLinejoin="round"
        aria-hidden={labelled ? undefined : true}
        className={className ? `lucide lucide-${name} ${className}` : `lucide lucide-${name}`}
        {...rest}
      >
        <use href={`${ICON_SPRITE}#${name}`} />
      </svg>
    );
  }
  Icon.displayName = displayName;
  return Icon;
}
