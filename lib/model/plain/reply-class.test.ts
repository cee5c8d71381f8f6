import { describe, expect, it } from "vitest";
import { classifyReply, type ReplyClass } from "./reply-class";

// Real-world phrasings (collected from inboxes and autoresponder templates), in English,
// French, German and Spanish, by the class each must get. `subject | body` → class.
const BY_CLASS: Record<ReplyClass, [subject: string, body: string][]> = {
  auto_reply: [
    ["Automatic reply: Quick question", "I am out of the office until 14 March with limited access to email."],
    [
      "Out of Office: Re: intro",
      "Thanks for your message. I'm currently out of the office and will respond when I return.",
    ],
    ["Re: intro", "I am on annual leave until Monday 9th. For urgent matters please contact sales@acme.com."],
    ["Re: intro", "I'm travelling until the 20th with intermittent access to email."],
    ["OOO: back on Tuesday", ""],
    ["Re: intro", "Thank you for your email. This is an automated response: we have received your message."],
    ["Re: intro", "Jane Smith is no longer with Acme Corp. Please direct enquiries to info@acme.com."],
    ["Re: intro", "This mailbox is no longer monitored."],
    [
      "Re: intro",
      "We have received your request and a member of our team will get back to you shortly. Ticket #48213.",
    ],
    ["Réponse automatique : intro", "Je suis absente du bureau jusqu'au 12 mars."],
    ["Re: intro", "Bonjour, je suis actuellement en congés, de retour le 3 janvier. Cordialement"],
    ["Re: intro", "Je serai de retour le lundi 5 avec un accès limité à mes e-mails."],
    ["Abwesenheitsnotiz: intro", "Vielen Dank für Ihre Nachricht."],
    ["Automatische Antwort: intro", "Ich bin bis einschließlich 10. März nicht im Büro."],
    ["Re: intro", "Ich bin im Urlaub und ab dem 15.04. wieder erreichbar."],
    ["Re: intro", "Frau Müller ist nicht mehr im Unternehmen tätig."],
    ["Respuesta automática: intro", "Gracias por su mensaje."],
    ["Re: intro", "Estoy fuera de la oficina hasta el lunes 12."],
    ["Re: intro", "Estaré ausente hasta el 3 de enero; regresaré el lunes."],
    ["Re: intro", "Estoy de vacaciones hasta el 20 de agosto, con acceso limitado al correo."],
  ],
  opt_out: [
    ["Re: intro", "Please remove me from your mailing list."],
    ["Re: intro", "Unsubscribe"],
    ["Re: intro", "STOP"],
    ["Re: intro", "Stop emailing me."],
    ["Re: intro", "Not interested. Do not contact me again."],
    ["Re: intro", "We already have a vendor for this. Please remove me from your list."],
    ["Re: intro", "Take us off your list please, no further emails."],
    ["Re: intro", "Merci de me retirer de votre liste. Retirez-moi svp."],
    ["Re: intro", "Je souhaite ne plus recevoir vos messages, merci de me désinscrire."],
    ["Re: intro", "Bitte tragen Sie mich aus Ihrem Verteiler aus."],
    ["Re: intro", "Keine weiteren E-Mails mehr bitte, ich möchte mich abmelden."],
    ["Re: intro", "Por favor, denme de baja de su lista."],
    ["Re: intro", "No me escriba más, no quiero recibir estos correos."],
  ],
  bounce_notice: [
    ["Undeliverable: intro", "Delivery has failed to these recipients or groups: jane@acme.com"],
    [
      "Delivery Status Notification (Failure)",
      "Address not found. The response was: 550 5.1.1 The email account does not exist.",
    ],
    [
      "Mail delivery failed: returning message to sender",
      "This message was created automatically by mail delivery software.",
    ],
    ["Non remis : intro", "Votre message n'a pas pu être remis."],
    ["Unzustellbar: intro", "Die Nachricht konnte nicht zugestellt werden."],
    ["No se puede entregar: intro", "El mensaje no se pudo entregar a los destinatarios."],
  ],
  // Human answers, incl. the tricky ones.
  human: [
    ["Re: intro", "I'm out of ideas on this one, tell me more."],
    ["Re: intro", "Out of curiosity, what does it cost per seat?"],
    ["Re: intro", "Yes, let's talk. Tuesday at 10 works for me."],
    ["Re: intro", "Not a priority for us this year, thanks."],
    ["Re: intro", "Please remove me from the CC and loop in Anna, she owns this."],
    ["Re: intro", "No need to unsubscribe me — just send it again in Q3."],
    ["Re: intro", "I was on vacation last week, sorry for the slow reply. Happy to chat."],
    ["Re: intro", "Ooo, that sounds interesting. Send me the deck?"],
    ["Re: intro", "Can your tool auto-reply to inbound leads? That's what we need."],
    ["Re: intro", "Merci, pouvez-vous m'envoyer une démo la semaine prochaine ?"],
    ["Re: intro", "Klingt gut, rufen Sie mich am Donnerstag an."],
    ["Re: intro", "Me interesa, ¿tienen precios para equipos pequeños?"],
    ["Re: intro", "We bounced this around internally and want a trial."],
    ["Re: intro", "I'm not the right person, sorry. Try our CTO."],
  ],
};
const TABLE = Object.entries(BY_CLASS).flatMap(([expected, rows]) =>
  rows.map(([subject, body]) => [subject, body, expected as ReplyClass] as const),
);

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
