import { describe, expect, it } from "vitest";
import { classifyReply, type ReplyClass } from "./reply-class";

// Real-world phrasings (collected from inboxes and autoresponder templates), in English,
// French, German and Spanish. `subject | body` → class.
const TABLE: [subject: string, body: string, expected: ReplyClass][] = [
  // ── Auto-replies ──
  [
    "Automatic reply: Quick question",
    "I am out of the office until 14 March with limited access to email.",
    "auto_reply",
  ],
  [
    "Out of Office: Re: intro",
    "Thanks for your message. I'm currently out of the office and will respond when I return.",
    "auto_reply",
  ],
  [
    "Re: intro",
    "I am on annual leave until Monday 9th. For urgent matters please contact sales@acme.com.",
    "auto_reply",
  ],
  ["Re: intro", "I'm travelling until the 20th with intermittent access to email.", "auto_reply"],
  ["OOO: back on Tuesday", "", "auto_reply"],
  [
    "Re: intro",
    "Thank you for your email. This is an automated response: we have received your message.",
    "auto_reply",
  ],
  ["Re: intro", "Jane Smith is no longer with Acme Corp. Please direct enquiries to info@acme.com.", "auto_reply"],
  ["Re: intro", "This mailbox is no longer monitored.", "auto_reply"],
  [
    "Re: intro",
    "We have received your request and a member of our team will get back to you shortly. Ticket #48213.",
    "auto_reply",
  ],
  ["Réponse automatique : intro", "Je suis absente du bureau jusqu'au 12 mars.", "auto_reply"],
  ["Re: intro", "Bonjour, je suis actuellement en congés, de retour le 3 janvier. Cordialement", "auto_reply"],
  ["Re: intro", "Je serai de retour le lundi 5 avec un accès limité à mes e-mails.", "auto_reply"],
  ["Abwesenheitsnotiz: intro", "Vielen Dank für Ihre Nachricht.", "auto_reply"],
  ["Automatische Antwort: intro", "Ich bin bis einschließlich 10. März nicht im Büro.", "auto_reply"],
  ["Re: intro", "Ich bin im Urlaub und ab dem 15.04. wieder erreichbar.", "auto_reply"],
  ["Re: intro", "Frau Müller ist nicht mehr im Unternehmen tätig.", "auto_reply"],
  ["Respuesta automática: intro", "Gracias por su mensaje.", "auto_reply"],
  ["Re: intro", "Estoy fuera de la oficina hasta el lunes 12.", "auto_reply"],
  ["Re: intro", "Estaré ausente hasta el 3 de enero; regresaré el lunes.", "auto_reply"],
  ["Re: intro", "Estoy de vacaciones hasta el 20 de agosto, con acceso limitado al correo.", "auto_reply"],
  // ── Opt-outs ──
  ["Re: intro", "Please remove me from your mailing list.", "opt_out"],
  ["Re: intro", "Unsubscribe", "opt_out"],
  ["Re: intro", "STOP", "opt_out"],
  ["Re: intro", "Stop emailing me.", "opt_out"],
  ["Re: intro", "Not interested. Do not contact me again.", "opt_out"],
  ["Re: intro", "We already have a vendor for this. Please remove me from your list.", "opt_out"],
  ["Re: intro", "Take us off your list please, no further emails.", "opt_out"],
  ["Re: intro", "Merci de me retirer de votre liste. Retirez-moi svp.", "opt_out"],
  ["Re: intro", "Je souhaite ne plus recevoir vos messages, merci de me désinscrire.", "opt_out"],
  ["Re: intro", "Bitte tragen Sie mich aus Ihrem Verteiler aus.", "opt_out"],
  ["Re: intro", "Keine weiteren E-Mails mehr bitte, ich möchte mich abmelden.", "opt_out"],
  ["Re: intro", "Por favor, denme de baja de su lista.", "opt_out"],
  ["Re: intro", "No me escriba más, no quiero recibir estos correos.", "opt_out"],
  // ── Bounce notices ──
  ["Undeliverable: intro", "Delivery has failed to these recipients or groups: jane@acme.com", "bounce_notice"],
  [
    "Delivery Status Notification (Failure)",
    "Address not found. The response was: 550 5.1.1 The email account does not exist.",
    "bounce_notice",
  ],
  [
    "Mail delivery failed: returning message to sender",
    "This message was created automatically by mail delivery software.",
    "bounce_notice",
  ],
  ["Non remis : intro", "Votre message n'a pas pu être remis.", "bounce_notice"],
  ["Unzustellbar: intro", "Die Nachricht konnte nicht zugestellt werden.", "bounce_notice"],
  ["No se puede entregar: intro", "El mensaje no se pudo entregar a los destinatarios.", "bounce_notice"],
  // ── Human answers, incl. the tricky ones ──
  ["Re: intro", "I'm out of ideas on this one, tell me more.", "human"],
  ["Re: intro", "Out of curiosity, what does it cost per seat?", "human"],
  ["Re: intro", "Yes, let's talk. Tuesday at 10 works for me.", "human"],
  ["Re: intro", "Not a priority for us this year, thanks.", "human"],
  ["Re: intro", "Please remove me from the CC and loop in Anna, she owns this.", "human"],
  ["Re: intro", "No need to unsubscribe me — just send it again in Q3.", "human"],
  ["Re: intro", "I was on vacation last week, sorry for the slow reply. Happy to chat.", "human"],
  ["Re: intro", "Ooo, that sounds interesting. Send me the deck?", "human"],
  ["Re: intro", "Can your tool auto-reply to inbound leads? That's what we need.", "human"],
  ["Re: intro", "Merci, pouvez-vous m'envoyer une démo la semaine prochaine ?", "human"],
  ["Re: intro", "Klingt gut, rufen Sie mich am Donnerstag an.", "human"],
  ["Re: intro", "Me interesa, ¿tienen precios para equipos pequeños?", "human"],
  ["Re: intro", "We bounced this around internally and want a trial.", "human"],
  ["Re: intro", "I'm not the right person, sorry. Try our CTO.", "human"],
];

describe("classifyReply: a table of real-world replies in four languages", () => {
  it("holds at least 40 phrasings", () => expect(TABLE.length).toBeGreaterThanOrEqual(40));
  it.each(TABLE)("%s | %s → %s", (subject, body, expected) => {
    expect(classifyReply({ subject, body })).toBe(expected);
  });
});

describe("the vendor's category comes first", () => {
  it("a decisive verdict wins whatever the text", () => {
    const body = "Yes, let's talk.";
    expect(classifyReply({ body, categoryVerdict: "auto_reply" })).toBe("auto_reply");
    expect(classifyReply({ body, categoryVerdict: "opt_out" })).toBe("opt_out");
    expect(classifyReply({ body, categoryVerdict: "bounce_notice" })).toBe("bounce_notice");
  });

  it("a person's category is human, unless the text asks to be removed", () => {
    expect(classifyReply({ body: "I am out of the office until Monday", categoryVerdict: "human" })).toBe("human");
    const verdict = "human_unless_opt_out" as const;
    expect(classifyReply({ body: "Not now, thanks.", categoryVerdict: verdict })).toBe("human");
    expect(classifyReply({ body: "Please remove me from your list.", categoryVerdict: verdict })).toBe("opt_out");
  });

  it("no verdict falls back to the text", () => {
    expect(classifyReply({ body: "Out of office until Monday", categoryVerdict: null })).toBe("auto_reply");
  });

  it("an empty reply is a person's", () => {
    expect(classifyReply({})).toBe("human");
  });
});
