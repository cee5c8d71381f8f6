/**
 * Vendor text as plain text: one helper for every vendor's map.ts (bodies are stored as text)
 * and for the timeline, which still meets HTML in stored `raw` threads and in rows stored
 * before the maps did this. Zod-free and server-free, so the browser can use it too.
 *
 * The result is rendered as React text nodes, never injected as HTML: this only has to read
 * well, not sanitise.
 */

const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: " " };

/** Tags dropped (scripts, styles and comments with their content), line breaks kept, entities decoded. */
export function htmlToText(input: string | null | undefined): string {
  if (!input) return "";
  if (!/<[a-z!/][^>]*>|&[#a-z0-9]+;/i.test(input)) return input.trim();
  return (
    input
      .replace(/<(script|style|head)[\s\S]*?<\/\1>/gi, "")
      .replace(/<!--[\s\S]*?-->/g, "")
      .replace(/<br\s*\/?>/gi, "\n")
      .replace(/<\/(p|div|li|tr|h[1-6]|blockquote)>/gi, "\n")
      .replace(/<li[^>]*>/gi, "• ")
      .replace(/<[^>]+>/g, "")
      // Entities last: a decoded "&lt;b&gt;" is text, not a tag to drop.
      .replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (m, e: string) => {
        const k = e.toLowerCase();
        if (k.startsWith("#x")) return charOf(parseInt(k.slice(2), 16)) ?? m;
        if (k.startsWith("#")) return charOf(Number(k.slice(1))) ?? m;
        return ENTITIES[k] ?? m;
      })
      // HTML collapses white space; keep the line breaks the markup meant.
      .replace(/[ \t\u00a0]+/g, " ")
      .replace(/ *\n */g, "\n")
      .replace(/\n{3,}/g, "\n\n")
      .trim()
  );
}

function charOf(code: number): string | null {
  return Number.isInteger(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : null;
}

/** At most `max` characters on one line (white space folded), cut with an ellipsis; null when empty. */
export function excerpt(text: string | null | undefined, max = 200): string | null {
  const flat = text?.replace(/\s+/g, " ").trim();
  if (!flat) return null;
  return flat.length <= max ? flat : `${flat.slice(0, max - 1).trimEnd()}…`;
}
