// `npm run icons`: writes public/icons.svg, one <symbol> per Lucide shape that
// components/ui/icons.ts names, from lucide-react's own icon data (so the shapes are the
// package's, at its installed version). `--check` exits 1 when the file is out of date.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";

const ROOT = path.resolve(import.meta.dirname, "..");
export const SPRITE_FILE = path.join(ROOT, "public/icons.svg");
/** The sprite's URL with its content's hash, which the icons use (and browsers may cache for good). */
export const SPRITE_URL_FILE = path.join(ROOT, "components/ui/icon-sprite.ts");
const LIST = path.join(ROOT, "components/ui/icons.ts");
const ICONS = path.join(ROOT, "node_modules/lucide-react/dist/esm/icons");

type Node = [string, Record<string, string>][];

const escape = (v: string) => v.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;");

/** The shape names components/ui/icons.ts asks for, sorted and without repeats. */
export function spriteNames(): string[] {
  const source = fs.readFileSync(LIST, "utf8");
  return [...new Set([...source.matchAll(/spriteIcon\("([a-z0-9-]+)"/g)].map((m) => m[1]!))].sort();
}

/** The sprite's text for `names`, from lucide-react's icon data. */
export async function buildSprite(names = spriteNames()): Promise<string> {
  const symbols: string[] = [];
  for (const name of names) {
    const file = path.join(ICONS, `${name}.mjs`);
    if (!fs.existsSync(file)) throw new Error(`lucide-react has no icon "${name}"`);
    const { __iconData } = (await import(pathToFileURL(file).href)) as { __iconData: { node: Node } };
    const children = __iconData.node
      .map(
        ([tag, attrs]) =>
          `<${tag} ${Object.entries(attrs)
            .filter(([k]) => k !== "key")
            .map(([k, v]) => `${k}="${escape(String(v))}"`)
            .join(" ")}/>`,
      )
      .join("");
    symbols.push(`<symbol id="${name}" viewBox="0 0 24 24">${children}</symbol>`);
  }
  return `<svg xmlns="http://www.w3.org/2000/svg"><!-- Lucide icons (ISC licence), written by scripts/icons.ts -->\n${symbols.join("\n")}\n</svg>\n`;
}

/** components/ui/icon-sprite.ts for `sprite`: its URL, versioned by a hash of its text. */
export function spriteUrlModule(sprite: string): string {
  const hash = crypto.createHash("sha256").update(sprite).digest("hex").slice(0, 10);
  return `// Written by scripts/icons.ts (npm run icons) with public/icons.svg: the sprite's URL, versioned.\nexport const ICON_SPRITE = "/icons.svg?v=${hash}";\n`;
}

const read = (file: string) => (fs.existsSync(file) ? fs.readFileSync(file, "utf8") : "");

if (import.meta.url === pathToFileURL(process.argv[1]!).href) {
  const sprite = await buildSprite();
  if (process.argv.includes("--check")) {
    if (read(SPRITE_FILE) !== sprite || read(SPRITE_URL_FILE) !== spriteUrlModule(sprite)) {
      console.error("public/icons.svg is out of date: run `npm run icons`");
      process.exit(1);
    }
    console.log("public/icons.svg is up to date");
  } else {
    fs.writeFileSync(SPRITE_FILE, sprite);
    fs.writeFileSync(SPRITE_URL_FILE, spriteUrlModule(sprite));
    console.log(`wrote ${path.relative(ROOT, SPRITE_FILE)}: ${spriteNames().length} icons, ${sprite.length} bytes`);
  }
}
