import "server-only";
import type { Vendor } from "@/lib/model/vendor";

/** The vendor refused the key (401/403): the connection is marked "key rejected"; never retried. */
export class VendorAuthError extends Error {
  override name = "VendorAuthError";
  constructor(
    readonly vendor: Vendor,
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** The vendor answered with a client error we do not retry (400/404/422…). */
export class VendorRequestError extends Error {
  override name = "VendorRequestError";
  constructor(
    readonly vendor: Vendor,
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** A record that may have been deleted meanwhile: 404 is an answer (null), anything else is thrown. */
export async function nullOn404<T>(get: () => Promise<T>): Promise<T | null> {
  try {
    return await get();
  } catch (err) {
    if (err instanceof VendorRequestError && err.status === 404) return null;
    throw err;
  }
}

/** The vendor could not be reached or kept failing after every retry (5xx, timeouts, resets, garbage bodies). */
export class VendorUnavailableError extends Error {
  override name = "VendorUnavailableError";
  constructor(
    readonly vendor: Vendor,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** A quota that will not come back soon (a daily budget); the message is for a person to read. */
export class VendorQuotaError extends Error {
  override name = "VendorQuotaError";
  constructor(
    readonly vendor: Vendor,
    message: string,
    readonly resetAt: Date | null,
  ) {
    super(message);
  }
}

/** Words for a person: what went wrong, never a key or a URL with one. */
export function describeVendorError(err: unknown): string {
  if (err instanceof VendorAuthError)
    return `The ${err.vendor} API rejected the key (HTTP ${err.status}). Replace the key in Settings.`;
  // The connector words it for a person already ("<vendor> daily quota used up; resumes at 00:00 UTC").
  if (err instanceof VendorQuotaError) return err.message;
  if (err instanceof VendorUnavailableError) return `${err.vendor} could not be reached: ${err.message}`;
  if (err instanceof VendorRequestError) return `${err.vendor} refused a request (HTTP ${err.status}): ${err.message}`;
  // Not a vendor's error (a database error, a bug): its text stays in the log, never in words shown or stored.
  return "An unexpected error stopped this (see the server log).";
}
