import type { LemlistActivity } from "./records";

/** The plural types whose singular names seed 000's schema text uses ("emailOpened, emailClicked, emailReplied, etc."). */
const SINGULAR: Readonly<Record<string, string>> = {
  emailsOpened: "emailOpened",
  emailsClicked: "emailClicked",
  emailsReplied: "emailReplied",
};

/** The plural name for a type given either way (a `type=` filter may use both). */
export function pluralType(type: string): string {
  for (const [plural, singular] of Object.entries(SINGULAR)) if (type === singular) return plural;
  return type;
}

/** Whether a row is served under its singular name: half of them, fixed by the id. */
function singularFor(id: string): boolean {
  let h = 0;
  for (let i = 0; i < id.length; i++) h = (h * 31 + id.charCodeAt(i)) | 0;
  return (h & 1) === 1;
}

/** The rows as served: about half of the opens, clicks and replies under the singular name (copies; the data keeps the plural). */
export function withSingularNames(rows: LemlistActivity[]): LemlistActivity[] {
  return rows.map((r) => {
    const singular = SINGULAR[r.type];
    if (!singular || !singularFor(r._id)) return r;
    return { ...r, type: singular, ...(r.metaData ? { metaData: { ...r.metaData, type: singular } } : {}) };
  });
}
