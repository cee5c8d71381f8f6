import "server-only";
import { eq, sql } from "drizzle-orm";
import type { StreamPage } from "@/lib/vendors/types";
import type { Tx } from "../store/db";
import * as t from "../store/schema";

/**
 * How far back one stream has read, kept on the connection (meta.historyProgress) so the
 * card says "History back to 14 Mar 2024 — still reading" between runs and after a restart.
 */
export async function recordHistory(
  tx: Tx,
  connectionId: string,
  stream: string,
  p: NonNullable<StreamPage<unknown>["progress"]>,
): Promise<void> {
  const entry = { backTo: p.historyBackTo ?? null, complete: p.historyComplete === true };
  await tx
    .update(t.connections)
    .set({
      meta: sql`${t.connections.meta} || jsonb_build_object('historyProgress', coalesce(${t.connections.meta}->'historyProgress', '{}'::jsonb) || jsonb_build_object(${stream}::text, ${JSON.stringify(entry)}::jsonb))`,
    })
    .where(eq(t.connections.id, connectionId));
}
