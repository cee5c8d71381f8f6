import "server-only";
import type { Vendor } from "@/lib/model/vendor";
import { VENDOR_LABELS } from "@/lib/model/vendor";
import { encryptApiKey, keyHint } from "../secrets";
import type { Db } from "../store/db";
import * as t from "../store/schema";
import { newId } from "../sync/ids";

/** Stores a new connection with its key sealed to this row (the id and vendor are the envelope's associated data). */
export async function insertConnection(
  db: Db,
  input: { vendor: Vendor; label?: string; apiKey: string; demo?: boolean; actor?: string },
): Promise<string> {
  const id = newId("conn");
  await db.insert(t.connections).values({
    id,
    vendor: input.vendor,
    label: input.label?.trim() || VENDOR_LABELS[input.vendor],
    keyCiphertext: encryptApiKey(input.apiKey, { connectionId: id, vendor: input.vendor }),
    keyHint: keyHint(input.apiKey),
    demo: input.demo ?? false,
  });
  await db.insert(t.auditLog).values({
    actor: input.actor ?? "system",
    connectionId: id,
    event: "created",
    detail: {
      vendor: input.vendor,
      label: input.label?.trim() || VENDOR_LABELS[input.vendor],
      demo: input.demo ?? false,
    },
  });
  return id;
}
