import fs from "node:fs";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { buildSprite, SPRITE_FILE, SPRITE_URL_FILE, spriteNames, spriteUrlModule } from "@/scripts/icons";
import { ICON_SPRITE } from "./icon-sprite";
import * as icons from "./icons";

describe("the icon sprite", () => {
  it("is the one scripts/icons.ts makes from components/ui/icons.ts (run `npm run icons` after adding one)", async () => {
    const sprite = await buildSprite();
    expect(fs.readFileSync(SPRITE_FILE, "utf8")).toBe(sprite);
    // …and the icons ask for it by its content's hash (it is cached for a year).
    expect(fs.readFileSync(SPRITE_URL_FILE, "utf8")).toBe(spriteUrlModule(sprite));
  });

  it("holds a symbol for every icon the app draws, each with Lucide's shapes", async () => {
    const sprite = fs.readFileSync(SPRITE_FILE, "utf8");
    const { __iconData } = await import("lucide-react/dist/esm/icons/search-x.mjs" as string);
    for (const name of spriteNames()) expect(sprite).toContain(`<symbol id="${name}" viewBox="0 0 24 24">`);
    // search-x: two strokes, a circle and the handle, as lucide-react draws it.
    expect(sprite).toMatch(/<symbol id="search-x"[^>]*><path d="m13\.5 8\.5-5 5"\/>.*<circle cx="11" cy="11" r="8"\/>/);
    expect(__iconData.node).toHaveLength(4);
  });
});

describe("an icon", () => {
  it("draws its symbol with Lucide's stroke and is hidden from assistive technology", () => {
    const html = renderToStaticMarkup(<icons.SearchX className="size-4" />);
    expect(ICON_SPRITE).toMatch(/^\/icons\.svg\?v=[0-9a-f]{10}$/);
    expect(html).toContain(`<use href="${ICON_SPRITE}#search-x"></use>`);
    expect(html).toContain('class="lucide lucide-search-x size-4"');
    expect(html).toContain('aria-hidden="true"');
    expect(html).toContain('stroke="currentColor"');
    expect(html).toContain('stroke-width="2"');
  });

  it("is announced when labelled", () => {
    const html = renderToStaticMarkup(<icons.Bot aria-label="Machine open" role="img" />);
    expect(html).not.toContain("aria-hidden");
    expect(html).toContain('aria-label="Machine open"');
  });

  it("names an icon that exists in the sprite, for every export", () => {
    const names = new Set(spriteNames());
    for (const [exported, Icon] of Object.entries(icons)) {
      if (typeof Icon !== "function") continue;
      const html = renderToStaticMarkup(<Icon />);
      const used = html.match(/#([a-z0-9-]+)"/)?.[1];
      expect(names.has(used ?? ""), `${exported} → ${used}`).toBe(true);
    }
  });
});
