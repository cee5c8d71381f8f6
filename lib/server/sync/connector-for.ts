import "server-only";
import { env } from "@/lib/env";
import type { Vendor } from "@/lib/model/vendor";
import { vendorMeta, type VendorBaseUrlEnv } from "@/lib/vendors/metas";
import { connectors } from "@/lib/vendors/registry";
import { sandboxBaseUrl } from "../demo/sandbox-registry";

/**
 * The base URL for a connection: the fixed vendor URL, overridable only by server env
 * (tests, sandbox) — or, for the demo workspace's connections, the in-process simulators.
 * Never from a request.
 */
export function baseUrlFor(vendor: Vendor, demo: boolean): string {
  if (demo) {
    const url = sandboxBaseUrl(vendor);
    if (url) return url;
    throw new Error("The demo simulators are not running in this process (TOUCHLINE_DEMO=off?)");
  }
  const override = env()[vendorMeta(vendor).baseUrlEnv as VendorBaseUrlEnv];
  return override ?? connectors[vendor].defaultBaseUrl;
}
