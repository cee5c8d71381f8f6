import "server-only";
import type { HistoryHorizon } from "@/lib/model/history";
import type { Vendor } from "@/lib/model/vendor";
import { VENDOR_LABELS } from "@/lib/model/vendor";
import { encryptApiKey, keyHint } from "../secrets";
import type { Db } from "../store/db";
import * as t from "../store/schema";
import { newId } from "../sync/ids";

/** Stores a new connection with its key sealed to this row (the id and vendor are the envelope's associated data). */
export async function insertConnection(
  db: Db,
  input: { vendor: Vendor; label?: string; apiKey: string; demo?: boolean; actor?: string; history?: HistoryHorizon },
): Promise<string> {
  const id = newId("conn");
  await db.insert(t.connections).values({
    id,
    vendor: input.vendor,
    label: input.label?.trim() || VENDOR_LABELS[input.vendor],
    keyCiphertext: encryptApiKey(input.apiKey, { connectionId: id, vendor: input.vendor }),
    keyHint: keyHint(input.apiKey),
    demo: input.demo ?? false,
    // "Everything" is the default and is not stored: only a chosen limit is.
    ...(input.history && input.history.mode !== "all" ? { meta: { history: input.history } } : {}),
  });
  await db.insert(t.auditLog).values({
    actor: input.actor ?? "system",
    connectionId: id,
    event: "created",
    detail: {
      vendor: input.vendor,
      label: input.label?.trim() || VENDOR_LABELS[input.vendor],
      demo: input.demo ?? false,
      ...(input.history && input.history.mode !== "all" ? { history: input.history } : {}),
    },
  });
  return id;
}
