import "server-only";
import { eq, sql } from "drizzle-orm";
import type { Db } from "../store/db";
import * as t from "../store/schema";
import { KeyUnreadableError, open, seal } from "./envelope";
import { MasterKeyMismatchError, type MasterKey } from "./master-key";

export interface RotationResult {
  rotated: number;
  /** Connections whose envelope did not open under the old key either; left as they were (still "key unreadable"). */
  unreadable: string[];
}

/**
 * Re-encrypts every stored API key from `oldKey` to `newKey` and records the new key's
 * fingerprint — all in one transaction, so the store is never half old, half new.
 * Refuses to start when `oldKey` is not the key the store was last used with.
 */
export async function rotateMasterKey(db: Db, oldKey: MasterKey, newKey: MasterKey): Promise<RotationResult> {
  if (oldKey.fingerprint === newKey.fingerprint)
    throw new MasterKeyMismatchError("The new master key is the same as the old one.");
  return db.transaction(async (tx) => {
    const [fp] = await tx.select().from(t.settings).where(eq(t.settings.key, "master_key_fingerprint")).for("update");
    if (fp && fp.value !== oldKey.fingerprint) {
      throw new MasterKeyMismatchError(
        "The current master key does not match the one the stored API keys were encrypted with. Check TOUCHLINE_SECRET_KEY (or the key file) before rotating.",
      );
    }
    const rows = await tx
      .select({ id: t.connections.id, vendor: t.connections.vendor, env: t.connections.keyCiphertext })
      .from(t.connections)
      .for("update");
    const oldKeys = new Map([[oldKey.id, oldKey.key]]);
    const result: RotationResult = { rotated: 0, unreadable: [] };
    for (const row of rows) {
      const ctx = { connectionId: row.id, vendor: row.vendor };
      let plain: string;
      try {
        plain = open(row.env, oldKeys, ctx);
      } catch (err) {
        if (!(err instanceof KeyUnreadableError)) throw err;
        result.unreadable.push(row.id);
        continue;
      }
      await tx
        .update(t.connections)
        .set({ keyCiphertext: seal(plain, newKey.key, newKey.id, ctx), updatedAt: sql`now()` })
        .where(eq(t.connections.id, row.id));
      result.rotated++;
    }
    await tx
      .insert(t.settings)
      .values({ key: "master_key_fingerprint", value: newKey.fingerprint })
      .onConflictDoUpdate({ target: t.settings.key, set: { value: newKey.fingerprint, updatedAt: sql`now()` } });
    return result;
  });
}
