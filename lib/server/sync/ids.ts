import "server-only";
import crypto from "node:crypto";
import { normaliseEmail } from "@/lib/model/contact";

/**
 * Contact ids are derived, not random: the same normalised email gives the same id in
 * every process and instance, so concurrent syncs can never create two contacts for one person.
 */
export function contactIdForEmail(email: string): string {
  return (
    "c_" +
    crypto
      .createHash("sha256")
      .update(`email:${normaliseEmail(email) ?? email}`)
      .digest("base64url")
      .slice(0, 20)
  );
}

export function contactIdForRecord(vendor: string, vendorId: string): string {
  return "c_" + crypto.createHash("sha256").update(`record:${vendor}:${vendorId}`).digest("base64url").slice(0, 20);
}

export function newId(prefix: string): string {
  return `${prefix}_${crypto.randomBytes(12).toString("base64url")}`;
}
