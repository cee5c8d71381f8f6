import "server-only";
import crypto from "node:crypto";
import {
  describeVendorError,
  VendorAuthError,
  VendorQuotaError,
  VendorRequestError,
  VendorUnavailableError,
} from "@/lib/vendors/shared/errors";
import { log } from "../log";

/**
 * Errors as stored (a connection's `lastError`, a sync run, the audit log) and shown:
 * a vendor's error in words, anything else — a database error, a bug — as a plain
 * sentence with a log reference. The full error goes to the server log under that
 * reference; SQL text, table names and stack traces never reach the store or a page.
 */
export const isVendorError = (err: unknown) =>
  err instanceof VendorAuthError ||
  err instanceof VendorUnavailableError ||
  err instanceof VendorQuotaError ||
  err instanceof VendorRequestError;

export const logReference = () => crypto.randomBytes(4).toString("hex");

/** Logs `err` under a fresh reference and answers the sentence to store and show. */
export function internalError(err: unknown, what: string, fields: Record<string, unknown> = {}): string {
  const ref = logReference();
  log.error(what, { ...fields, ref, err });
  return `${what[0]!.toUpperCase()}${what.slice(1)} because of an internal error (log reference ${ref}).`;
}

/** A vendor error in words; anything else logged and answered as a plain sentence with a reference. */
export function plainErrorMessage(err: unknown, what: string, fields: Record<string, unknown> = {}): string {
  return isVendorError(err) ? describeVendorError(err) : internalError(err, what, fields);
}
