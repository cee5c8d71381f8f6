import "server-only";
import { sql } from "drizzle-orm";
import type { Tx } from "../store/db";
import { chunks } from "./chunks";

/**
 * PostgreSQL's bulk upsert (issue 17): the batch is loaded into a temporary staging table,
 * then merged into the real one by ONE `insert … select … on conflict` per batch.
 *
 * Why a stage: the merge is one statement however many rows the batch holds (the checks,
 * index updates and conflict handling run set-wise, once), and loading the stage costs no
 * index, trigger or conflict work. Why `unnest` of one array per column rather than COPY:
 * `pg` has no COPY FROM STDIN without pg-copy-streams (not a dependency), and column arrays
 * bind one parameter per column — the server parses flat arrays, not a JSON document per
 * row as jsonb_to_recordset does, and no statement grows with the number of rows' fields.
 *
 * The stage is `on commit delete rows`: created once per pooled connection, empty at the
 * start of every transaction, never seen by another session.
 */
export async function stageAndMerge(
  tx: Tx,
  table: string,
  columns: [name: string, type: string][],
  rows: Record<string, unknown>[],
  conflict: string,
  update: string,
): Promise<void> {
  if (rows.length === 0) return;
  const stage = `touchline_stage_${table}`;
  const names = columns.map(([c]) => c).join(", ");
  await tx.execute(
    sql.raw(
      `create temp table if not exists ${stage} (${columns.map(([c, ty]) => `${c} ${ty}`).join(", ")}) on commit delete rows`,
    ),
  );
  // Emptied at commit; emptied here too for a transaction that writes two batches.
  await tx.execute(sql.raw(`delete from ${stage}`));
  // jsonb travels as text (its JSON) and is cast on the way in: the driver's own array
  // encoding of objects would escape every quote of every document twice.
  const arrayType = (ty: string) => (ty === "jsonb" ? "text" : ty);
  const cast = (c: string, ty: string) => (ty === "jsonb" ? `${c}::jsonb` : c);
  for (const part of chunks(rows, 5000)) {
    const arrays = columns.map(([c, ty]) => sql.param(part.map((r) => columnValue(r[c], ty))));
    const unnest = sql.join(
      arrays.map((a, i) => sql`${a}::${sql.raw(arrayType(columns[i]![1]))}[]`),
      sql`, `,
    );
    await tx.execute(sql`
      insert into ${sql.raw(stage)} (${sql.raw(names)})
      select ${sql.raw(columns.map(([c, ty]) => cast(c, ty)).join(", "))}
      from unnest(${unnest}) as u(${sql.raw(names)})`);
  }
  // Key order: two syncs touching the same rows lock them in the same order (no deadlock).
  await tx.execute(
    sql.raw(`
      insert into ${table} (${names})
      select ${names} from ${stage} order by ${conflict}
      on conflict (${conflict}) do update set ${update}`),
  );
}

/** One value as its column's array element: text without NUL (Postgres refuses it), jsonb as JSON text. */
function columnValue(v: unknown, type: string): unknown {
  if (v === undefined || v === null) return null;
  if (type === "jsonb") return JSON.stringify(v).replace(/\\u0000/g, "");
  if (typeof v === "string") return v.includes("\0") ? v.replace(/\0/g, "") : v;
  return v;
}
