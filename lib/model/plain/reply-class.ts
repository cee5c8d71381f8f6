// What a reply really is: a person answering, an autoresponder, a request to stop, or a
// mail server saying the message did not arrive. Reply rates count `human` replies only
// (issue 18), so this is the one place that decides.
//
// zod-free and dependency-free: the sync writer (lib/server/sync/write.ts) stores the class
// on each reply, the vendor mappers pass their category's verdict, and the browser imports
// the labels.
//
// Order of evidence: the vendor's own category where one is documented (a vendor's map
// turns it into a `CategoryVerdict`), then text rules over subject and body in English, French, German and
// Spanish. Rules look for phrases an autoresponder or opt-out actually uses, never single
// loose words ("out of ideas" is not "out of office", "remove me from the CC" is not an
// opt-out), and a bounce notice beats an autoresponder, which beats an opt-out (an
// out-of-office often ends with an unsubscribe footer).

export const REPLY_CLASSES = ["human", "auto_reply", "opt_out", "bounce_notice"] as const;
export type ReplyClass = (typeof REPLY_CLASSES)[number];

export const REPLY_CLASS_LABELS: Record<ReplyClass, string> = {
  human: "Human reply",
  auto_reply: "Auto-reply",
  opt_out: "Opt-out",
  bounce_notice: "Bounce notice",
};

/** Activity kinds that are replies and get a class. */
export const REPLY_KINDS = ["email_replied", "linkedin_replied"] as const;

export function isReplyKind(kind: string): boolean {
  return (REPLY_KINDS as readonly string[]).includes(kind);
}

export function isReplyClass(value: unknown): value is ReplyClass {
  return typeof value === "string" && (REPLY_CLASSES as readonly string[]).includes(value);
}

/**
 * What a vendor's own category for a reply says (each vendor's map decides, in a
 * `reply-category.ts` of its folder): a class, or "human_unless_opt_out" for a category
 * about a person's answer — a "Not interested, remove me from your list" is both, and the
 * opt-out wins.
 */
export type CategoryVerdict = ReplyClass | "human_unless_opt_out";

// ── Text rules ──────────────────────────────────────────────────────────────────────────

const BOUNCE: RegExp[] = [
  /\b(delivery status notification|undeliverable|undelivered mail|mail delivery (failed|subsystem)|delivery (has )?failed|returned mail|failure notice|mailer-daemon|postmaster@)/i,
  /\b(address not found|recipient address rejected|user unknown|mailbox (unavailable|not found|full)|no such user|550[ -]5\.\d\.\d|5\.1\.1)\b/i,
  /\b(message (was )?not delivered|couldn'?t be delivered|could not be delivered|wasn'?t delivered)\b/i,
  /(non remis|échec de (la )?(remise|livraison)|n'a pas pu être (remis|distribué)|message non distribué|adresse introuvable)/i,
  /(unzustellbar|nicht zustellbar|konnte nicht zugestellt werden|zustellung fehlgeschlagen|rückläufige nachricht)/i,
  /(no se (ha )?pudo entregar|no entregado|error (al|de) entrega|no se puede entregar|dirección no encontrada)/i,
];

const AUTO_STRONG: RegExp[] = [
  /^\s*(automatic reply|auto(matic)?[- ]?(reply|response|antwort)|autoreply|out of (the )?office)\b/i,
  /^\s*(ooo|auto)\s*[:\-–]/i,
  // Mid-text, only as the message describing itself ("Can your tool auto-reply?" is a person).
  /\b(out of (the )?office|(this|it) is an? auto(mated|matic)?[- ]?(reply|response|message)|autoresponder|automatic reply)\b/i,
  /\b(limited|no|intermittent) access to (my )?e-?mails?\b/i,
  /\b(i am|i'm|i will be|i'll be) (currently )?(away|out|travell?ing|on (annual |parental |maternity |paternity |sick )?(leave|vacation|holidays?|pto))\b.{0,80}\b(until|till|through|back|return(ing)?)\b/i,
  /\b(no longer (with|at|works? (for|at|here))|(has|have) left the (company|organi[sz]ation)|this (mailbox|inbox|address) is (no longer|not) (monitored|in use|active))\b/i,
  /\bwe (have )?received your (e-?mail|message|request)\b.{0,80}\b(ticket|get back to you|respond)/i,
  // French
  /(réponse automatique|message automatique|absente? du bureau|actuellement absente?|je suis absente?|en congés?\b.{0,60}(jusqu|retour)|de retour le|je serai de retour|accès limité (à|aux) (mes )?e-?mails?|ne fait plus partie)/i,
  // German
  /(abwesenheitsnotiz|automatische antwort|abwesend\s*:|nicht im büro|außer haus|im urlaub\b.{0,80}(bis|zurück|wieder)|ab dem .{1,20} wieder|eingeschränkten zugriff auf (meine )?e-?mails|nicht mehr (im unternehmen|bei uns|für .{1,30} tätig))/i,
  // Spanish
  /(respuesta automática|fuera de la oficina|de vacaciones\b.{0,80}(hasta|volveré|regreso)|estaré ausente|estoy ausente|regresaré el|acceso limitado al correo|ya no (trabaja|forma parte))/i,
];

// An opt-out asks not to be written to again. Phrases, not words: "remove me from the CC"
// is a person redirecting the thread, "unsubscribe" inside a footer of an autoresponder
// never gets here (auto wins).
const OPT_OUT: RegExp[] = [
  /\b(unsubscribe( me)?|opt(-| )?out)\b/i,
  /\b(remove|take|delete|drop|strike) (me|us|my (e-?mail|address|details)|this (e-?mail|address)) (off|from) (your|the|this|all|any) (mailing |e-?mail |contact )?(list|lists|database|sequences?|campaigns?|distribution)\b/i,
  /\b(stop|quit|cease) (e-?mailing|emailing|contacting|writing to|messaging|spamming|sending (me|us))\b/i,
  /\b(do not|don'?t|please never) (contact|e-?mail|email|write to|message) (me|us)( again)?\b/i,
  /\bno (more|further) (e-?mails|emails|messages|contact)\b/i,
  /^\s*(stop|unsubscribe|remove)\s*[.!]*\s*$/im,
  // French
  /(désabonne[rz]?|désinscri(re|vez|ption)|retirez[- ]moi|supprimez[- ]moi|enlevez[- ]moi|ne (plus|pas) me (contacter|recontacter|écrire)|ne plus recevoir|arrêtez de m'(écrire|envoyer|contacter))/i,
  // German
  /(abmelden|abbestellen|austragen|aus (ihrem|eurem|dem) verteiler|keine (weiteren )?(e-?mails|nachrichten) mehr|nicht mehr (kontaktieren|anschreiben|schreiben)|kontaktieren sie mich nicht)/i,
  // Spanish
  /(de baja\b|elimíne?me|eliminarme|sáqueme|sacarme de (su|la) lista|bórreme|no me (escriba|contacte|envíe)|no quiero recibir|dejen? de (escribirme|enviarme|contactarme))/i,
];

// A person asking to be kept (or someone else removed) is answering, not opting out.
const OPT_OUT_NEGATED =
  /\b(no need to|don'?t|do not|please don'?t) (unsubscribe|remove) me\b|\bremove me from (the )?(cc|thread|loop)\b/i;

export interface ReplyText {
  subject?: string | null;
  body?: string | null;
  /** What the vendor's own category says, where one is documented (null: nothing decisive). */
  categoryVerdict?: CategoryVerdict | null;
}

function textOf(r: ReplyText): string {
  return `${r.subject ?? ""}\n${r.body ?? ""}`;
}

const anyOf = (rules: RegExp[], text: string) => rules.some((re) => re.test(text));

function isOptOut(text: string): boolean {
  return !OPT_OUT_NEGATED.test(text) && anyOf(OPT_OUT, text);
}

/** The class of one reply: the vendor's category first, then the text rules. */
export function classifyReply(r: ReplyText): ReplyClass {
  const text = textOf(r);
  const verdict = r.categoryVerdict;
  if (verdict === "human_unless_opt_out") return isOptOut(text) ? "opt_out" : "human";
  if (verdict) return verdict;
  if (anyOf(BOUNCE, text)) return "bounce_notice";
  // Subject lines ("Automatic reply: …", "Abwesend: …") and bodies alike.
  if (anyOf(AUTO_STRONG, r.subject ?? "") || anyOf(AUTO_STRONG, r.body ?? "")) return "auto_reply";
  if (isOptOut(text)) return "opt_out";
  return "human";
}
