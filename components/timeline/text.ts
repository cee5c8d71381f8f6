/**
 * The conversation kept in an item's `raw`, shown as TEXT: each message through the one
 * `htmlToText` (lib/plain-text.ts) and rendered as React text nodes — never injected as HTML,
 * so a hostile body cannot run or style anything.
 */
import { htmlToText } from "@/lib/plain-text";
import { VENDOR_METAS } from "@/lib/vendors/metas";

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
