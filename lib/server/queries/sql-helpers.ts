import "server-only";
import { sql, type SQL } from "drizzle-orm";

// Small SQL pieces shared by the contact and timeline queries. Timestamps leave the
// database as text in one format on both drivers (PGlite hands back Dates, node-postgres
// under drizzle hands back strings): ISO with milliseconds for the API, and with
// microseconds for cursors, so a keyset comparison never loses precision.

export const isoMs = (col: SQL) => sql`to_char(${col} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
export const isoUs = (col: SQL) => sql`to_char(${col} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

/** Search words: every word must match somewhere (so "ada acme" finds Ada at Acme). */
export function searchTerms(q: string | undefined): string[] {
  if (!q) return [];
  return [
    ...new Set(
      q
        .split(/\s+/)
        .map((w) => w.trim())
        .filter(Boolean),
    ),
  ].slice(0, 8);
}

/** `%term%` for LIKE, with the pattern characters of the user's text escaped. */
export function likePattern(term: string): string {
  return `%${term.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/**
 * The text a search looks in: the columns joined by spaces and lower-cased, written with
 * `||` and `coalesce` (immutable, unlike concat_ws) so that a trigram index on this very
 * expression — `gin (lower(coalesce(name,'') || ' ' || …) gin_trgm_ops)` — would serve it.
 */
export function searchHaystack(cols: SQL[]): SQL {
  return sql`lower(${sql.join(
    cols.map((c) => sql`coalesce(${c}, '')`),
    sql` || ' ' || `,
  )})`;
}

/**
 * One condition per word: the word appears, case-insensitively, in any of `cols`. Words
 * never contain the joining space, so a match cannot straddle two fields. One LIKE on one
 * lower-cased string costs about half of an ILIKE per column on PGlite, and, unlike a
 * `~*` regular expression, the same for every word — it matters when a rare word has
 * to look at every row.
 */
export function matchAllTerms(terms: string[], cols: SQL[]): SQL[] {
  if (terms.length === 0) return [];
  const haystack = searchHaystack(cols);
  return terms.map((term) => sql`${haystack} like lower(${likePattern(term)})`);
}

export const and = (parts: SQL[]): SQL => (parts.length ? sql.join(parts, sql` and `) : sql`true`);

export const list = (values: readonly string[]): SQL =>
  sql`(${sql.join(
    values.map((v) => sql`${v}`),
    sql`, `,
  )})`;
