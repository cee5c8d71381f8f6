/**
 * Vendor text shown as TEXT. Email bodies often arrive as HTML; they are turned into plain
 * text here (tags dropped, line breaks kept, entities decoded) and then rendered as React
 * text nodes — never injected as HTML, so a hostile body cannot run or style anything.
 */
import { VENDOR_METAS } from "@/lib/vendors/metas";

const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: " ", "#39": "'" };

export function htmlToText(input: string | null | undefined): string {
  if (!input) return "";
  if (!/<[a-z!/][^>]*>|&[#a-z0-9]+;/i.test(input)) return input.trim();
  return input
    .replace(/<(script|style|head)[\s\S]*?<\/\1>/gi, "")
    .replace(/<!--[\s\S]*?-->/g, "")
    .replace(/<br\s*\/?>/gi, "\n")
    .replace(/<\/(p|div|li|tr|h[1-6]|blockquote)>/gi, "\n")
    .replace(/<li[^>]*>/gi, "• ")
    .replace(/<[^>]+>/g, "")
    .replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (m, e: string) => {
      const k = e.toLowerCase();
      if (k.startsWith("#x")) return safeChar(parseInt(k.slice(2), 16)) ?? m;
      if (k.startsWith("#")) return safeChar(Number(k.slice(1))) ?? m;
      return ENTITIES[k] ?? m;
    })
    .replace(/[ \t]+\n/g, "\n")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}

function safeChar(code: number): string | null {
  return Number.isInteger(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : null;
}

export interface ThreadMessage {
  at: string | null;
  from: string | null;
  subject: string | null;
  body: string;
  inbound: boolean | null;
}

const BODY_KEYS = ["reply_email_body", "email_body", "body_text", "text", "body", "content", "message", "snippet"];
const TIME_KEYS = ["time", "sent_time", "date", "date_created", "created_at", "createdAt", "timestamp"];
const FROM_KEYS = ["from_email", "from", "sender", "sender_email", "user_name", "userName"];
// Where each vendor keeps a conversation in `raw` (its meta.ts: `raw.threadKeys`, `raw.replyKey`).
const LIST_KEYS = [...new Set(VENDOR_METAS.flatMap((m) => m.raw.threadKeys))];
const REPLY_KEYS = [...new Set(VENDOR_METAS.flatMap((m) => ("replyKey" in m.raw ? [m.raw.replyKey] : [])))];

const str = (v: unknown): string | null =>
  typeof v === "string" && v.trim() ? v : typeof v === "number" ? String(v) : null;
const pick = (o: Record<string, unknown>, keys: string[]) => {
  for (const k of keys) {
    const v = str(o[k]);
    if (v) return v;
  }
  return null;
};

function toMessage(v: unknown): ThreadMessage | null {
  if (!v || typeof v !== "object" || Array.isArray(v)) return null;
  const o = v as Record<string, unknown>;
  const body = htmlToText(pick(o, BODY_KEYS));
  if (!body) return null;
  const type = str(o.type) ?? str(o.direction);
  const inbound = type ? /reply|incoming|inbound|received/i.test(type) : "reply_email_body" in o ? true : null;
  const from =
    o.from && typeof o.from === "object"
      ? pick(o.from as Record<string, unknown>, ["email", "name"])
      : pick(o, FROM_KEYS);
  return { at: pick(o, TIME_KEYS), from, subject: str(o.subject), body, inbound };
}

/**
 * The conversation the vendor kept beside an event, if any: the lists and the reply its
 * meta.ts names (`raw.threadKeys`, `raw.replyKey`), whatever is in `raw`, oldest first,
 * without repeating the item's own body.
 */
export function replyThread(raw: unknown, ownBody?: string | null): ThreadMessage[] {
  if (!raw || typeof raw !== "object") return [];
  const o = raw as Record<string, unknown>;
  const out: ThreadMessage[] = [];
  for (const key of LIST_KEYS) {
    const list = o[key];
    if (Array.isArray(list))
      for (const m of list.slice(0, 50)) {
        const msg = toMessage(m);
        if (msg) out.push(msg);
      }
  }
  for (const key of REPLY_KEYS) {
    const reply = toMessage(o[key]);
    if (reply) out.push({ ...reply, inbound: true });
  }
  const own = htmlToText(ownBody);
  const seen = new Set<string>();
  const unique = out.filter((m) => {
    const k = `${m.at}|${m.body}`;
    if (seen.has(k) || (own && m.body === own)) return false;
    seen.add(k);
    return true;
  });
  return unique.sort((a, b) => (a.at && b.at ? Date.parse(a.at) - Date.parse(b.at) : 0));
}
