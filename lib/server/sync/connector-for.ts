import "server-only";
import { env } from "@/lib/env";
import type { Vendor } from "@/lib/model/vendor";
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
  const e = env();
  const override = {
    lemlist: e.LEMLIST_API_URL,
    smartlead: e.SMARTLEAD_API_URL,
    close: e.CLOSE_API_URL,
    leadlex: e.LEADLEX_API_URL,
  }[vendor];
  return override ?? connectors[vendor].defaultBaseUrl;
}
