import "server-only";
import { sql } from "drizzle-orm";
import type { StoreKind, Tx } from "../store/db";
import { chunks } from "./chunks";
import { stageAndMerge } from "./stage-merge";

/** Postgres text and jsonb refuse NUL; a vendor body holding one must not fail the page. */
const toJson = (rows: unknown[]) => JSON.stringify(rows).replace(/\\u0000/g, "");

/**
 * Rows are written in key order, so two syncs touching the same contacts (one person in
 * two vendors) lock them in the same order instead of deadlocking on PostgreSQL.
 *
 * Upserts rows through ONE jsonb parameter unpacked by `jsonb_to_recordset`. Binding
 * ~20 parameters per row is what makes bulk upserts slow on PGlite (measured: ~3 k rows/s
 * with parameters, ~10 k rows/s this way); PostgreSQL benefits too.
 */
export async function upsertJson(
  tx: Tx,
  table: string,
  columns: [name: string, type: string][],
  rows: Record<string, unknown>[],
  conflict: string,
  update: string,
  chunkSize = 1000,
): Promise<void> {
  const names = columns.map(([c]) => c).join(", ");
  const record = columns.map(([c, ty]) => `${c} ${ty}`).join(", ");
  for (const part of chunks(rows, chunkSize)) {
    await tx.execute(sql`
      insert into ${sql.raw(table)} (${sql.raw(names)})
      select ${sql.raw(names)} from jsonb_to_recordset(${toJson(part)}::jsonb) as x(${sql.raw(record)})
      order by ${sql.raw(conflict)}
      on conflict (${sql.raw(conflict)}) do update set ${sql.raw(update)}`);
  }
}

/**
 * The bulk upsert for the store at hand: on PostgreSQL a staging table and one merge per
 * batch (./stage-merge.ts); on PGlite, which runs in this process and has no network round
 * trip to save, the one-jsonb-parameter form above.
 */
export function upsertRows(
  tx: Tx,
  kind: StoreKind,
  table: string,
  columns: [name: string, type: string][],
  rows: Record<string, unknown>[],
  conflict: string,
  update: string,
): Promise<void> {
  return kind === "postgres"
    ? stageAndMerge(tx, table, columns, rows, conflict, update)
    : upsertJson(tx, table, columns, rows, conflict, update);
}

/** An upsert's `do update set` list: each column from the incoming row. */
export const set = (cols: string[]) => cols.map((c) => `${c} = excluded.${c}`).join(", ");

/** The columns an upsert may overwrite: all but the key, the connection and the vendor. */
export const updatable = (cols: [string, string][]) =>
  cols.map(([c]) => c).filter((c) => c !== "id" && c !== "connection_id" && c !== "vendor");
