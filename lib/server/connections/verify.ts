import "server-only";
import { VENDOR_LABELS, type Vendor } from "@/lib/model/vendor";
import {
  VendorAuthError,
  VendorQuotaError,
  VendorRequestError,
  VendorUnavailableError,
} from "@/lib/vendors/shared/errors";
import { connectors } from "@/lib/vendors/registry";
import { AppError, unprocessable } from "../http/errors";
import { log, scrub, withSecret } from "../log";
import { baseUrlFor } from "../sync/connector-for";

export const VERIFY_TIMEOUT_MS = 30_000;

const unreachable = (message: string) => new AppError(502, "Vendor unreachable", message);

/**
 * Calls the vendor once with `apiKey` before anything is stored. Throws an AppError in
 * words a sales-ops person can act on — 422 when the vendor refuses the key, 502 when it
 * cannot be reached — and never with the key in it.
 */
export async function verifyVendorKey(
  vendor: Vendor,
  apiKey: string,
  opts: { demo?: boolean; timeoutMs?: number } = {},
): Promise<void> {
  // While it is tested no log line can carry it; it is remembered only if it is then stored.
  return withSecret(apiKey, () => testKey(vendor, apiKey, opts));
}

async function testKey(vendor: Vendor, apiKey: string, opts: { demo?: boolean; timeoutMs?: number }): Promise<void> {
  const name = VENDOR_LABELS[vendor];
  const signal = AbortSignal.timeout(opts.timeoutMs ?? VERIFY_TIMEOUT_MS);
  try {
    const session = connectors[vendor].open({
      baseUrl: baseUrlFor(vendor, opts.demo ?? false),
      apiKey,
      signal,
      warn: (message, fields) => log.warn(`${vendor}: ${message}`, { during: "key test", ...fields }),
    });
    await session.verifyKey();
  } catch (err) {
    if (err instanceof VendorAuthError) {
      throw unprocessable(
        `${name} rejected this API key (HTTP ${err.status}). Check that you copied the whole key and that it is still active in ${name}. Nothing was saved.`,
      );
    }
    if (err instanceof VendorQuotaError) {
      throw new AppError(
        503,
        "Vendor quota used up",
        `${name}'s daily API quota is used up, so the key could not be tested${err.resetAt ? ` (it resets at ${err.resetAt.toISOString()})` : ""}. Nothing was saved; try again later.`,
      );
    }
    if (err instanceof VendorUnavailableError || signal.aborted) {
      const why = signal.aborted
        ? `no answer within ${Math.round((opts.timeoutMs ?? VERIFY_TIMEOUT_MS) / 1000)} seconds`
        : scrub(err instanceof Error ? err.message : String(err));
      throw unreachable(
        `${name} could not be reached to test the key (${why}). Nothing was saved; try again in a moment.`,
      );
    }
    if (err instanceof VendorRequestError) {
      throw unreachable(
        `${name} answered the key test in an unexpected way (HTTP ${err.status}). Nothing was saved; try again, and check ${name}'s status page if it keeps failing.`,
      );
    }
    log.error("key test failed", { vendor, err });
    throw unreachable(
      `The key could not be tested against ${name} right now. Nothing was saved; try again in a moment.`,
    );
  }
}
